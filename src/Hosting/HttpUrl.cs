using System.Diagnostics.CodeAnalysis;

namespace Paperboy.Hosting;

/// <summary>The one kind of address Paperboy fetches from or links to: absolute, http or https.</summary>
public static class HttpUrl
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
        {
            url = parsed;
            return true;
        }

        url = null;
        return false;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);
}
