using System.ComponentModel.DataAnnotations;

namespace Paperboy.Subscribers;

public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The address subscribers reach the service at; every link in every email starts with it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The operator's postal or contact line, printed in every email's footer.</summary>
    [Required]
    public string SenderLine { get; set; } = "";

    /// <summary>Sign-ups accepted from one client address per hour (the subscribe form and the JSON API together).</summary>
    [Range(1, 100000)]
    public int SubscribeLimitPerHour { get; set; } = 20;
}
