using System.ComponentModel.DataAnnotations;
using Paperboy.Hosting;

namespace Paperboy.Subscribers;

public sealed class WebOptions : IValidatableObject
{
    public const string Section = "Web";

    /// <summary>The address subscribers reach the service at; every link in every email starts with it.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The operator's postal or contact line, printed in every email's footer.</summary>
    [Required]
    public string SenderLine { get; set; } = "";

    /// <summary>Sign-ups accepted from one client address per hour (the subscribe form and the JSON API together).</summary>
    [Range(1, 100000)]
    public int SubscribeLimitPerHour { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Links are this address with "/f/TOKEN" appended, and the pages' forms post to "/p/…", "/subscribe": another
        // scheme, a query, a fragment or a path (the app serves at its root) would make every link in every email
        // point nowhere, so such an address is refused at start rather than mailed out.
        if (!IsLinkBase(PublicBaseUrl))
        {
            yield return new ValidationResult(
                $"Web:PublicBaseUrl must be an absolute http(s) address of the site's root, without a path, query or fragment, such as https://papers.example.org (is '{PublicBaseUrl}')");
        }
    }

    private static bool IsLinkBase(string url) =>
        HttpUrl.TryParse(url, out Uri? uri)
        && uri.AbsolutePath == "/"
        && !url.Contains('?', StringComparison.Ordinal)
        && !url.Contains('#', StringComparison.Ordinal)
        && !url.Any(char.IsWhiteSpace);
}
