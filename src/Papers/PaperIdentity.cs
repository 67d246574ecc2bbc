using System.Text;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>
/// One paper, one row: the arXiv id without its version when there is one, else the DOI, else the feed's id,
/// else the title.
/// </summary>
public static partial class PaperIdentity
{
    private const string ArxivKeyPrefix = "arxiv:";

    public static string KeyFor(string? id, string title) => KeyFor(id, null, title);

    public static string KeyFor(string? id, string? doi, string title)
    {
        if (!string.IsNullOrWhiteSpace(id) && ArxivId(id) is { } arxiv)
        {
            return ArxivKey(arxiv);
        }

        if (NormalizeDoi(doi) is { } normalizedDoi)
        {
            return $"doi:{normalizedDoi}";
        }

        return !string.IsNullOrWhiteSpace(id) ? $"id:{id.Trim()}" : $"title:{NormalizeTitle(title)}";
    }

    /// <summary>The catalog key of the arXiv paper <paramref name="id"/> (without its version).</summary>
    public static string ArxivKey(string id) => ArxivKeyPrefix + id;

    /// <summary>The arXiv id inside a catalog key, or null when the key is not an arXiv paper's.</summary>
    public static string? ArxivIdOfKey(string key) =>
        key.StartsWith(ArxivKeyPrefix, StringComparison.Ordinal) ? key[ArxivKeyPrefix.Length..] : null;

    /// <summary>The abstract page of the arXiv paper with this catalog key, or null when the key is not an arXiv paper's.</summary>
    public static string? ArxivAbsUrl(string key) => ArxivIdOfKey(key) is { } id ? $"https://arxiv.org/abs/{id}" : null;

    /// <summary>The version in an arXiv id or URL (2 for 2606.00467v2), or null when it names none.</summary>
    public static int? ArxivVersion(string text)
    {
        Match match = ArxivPattern().Match(text.Trim());
        return match.Success && match.Groups["version"].Success
            ? int.Parse(match.Groups["version"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>A DOI in lower case without a resolver prefix (DOIs are case-insensitive), or null when it is not one.</summary>
    public static string? NormalizeDoi(string? doi)
    {
        if (string.IsNullOrWhiteSpace(doi))
        {
            return null;
        }

        Match match = DoiPattern().Match(doi.Trim());
        return match.Success ? match.Groups["doi"].Value.ToLowerInvariant() : null;
    }

    /// <summary>The arXiv identifier in <paramref name="text"/> without its version (2606.00467v2 → 2606.00467), or null.</summary>
    public static string? ArxivId(string text)
    {
        Match match = ArxivPattern().Match(text.Trim());
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>Lower case letters and digits separated by single spaces: the same title however a feed spelled it.</summary>
    public static string NormalizeTitle(string title)
    {
        var builder = new StringBuilder(title.Length);
        bool space = false;
        foreach (char c in title.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^(?:arxiv:|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v(?<version>\d+))?(?:\.pdf)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArxivPattern();

    [GeneratedRegex(@"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?<doi>10\.\d{4,9}/\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();
}
