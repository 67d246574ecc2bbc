using System.Text;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>One paper, one row: the arXiv id without its version when there is one, else the feed's id, else the title.</summary>
public static partial class PaperIdentity
{
    public static string KeyFor(string? id, string title)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            string? arxiv = ArxivId(id);
            return arxiv is not null ? $"arxiv:{arxiv}" : $"id:{id.Trim()}";
        }

        return $"title:{NormalizeTitle(title)}";
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

    [GeneratedRegex(@"^(?:arxiv:|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?(?:\.pdf)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArxivPattern();
}
