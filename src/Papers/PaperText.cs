using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>Feed text is stored as plain text with arXiv's hard line breaks and indentation joined.</summary>
public static partial class PaperText
{
    // Lead bytes of two- and three-byte UTF-8 sequences as Latin-1 shows them (Ã for é, â for “).
    private static readonly SearchValues<char> MojibakeLeads = SearchValues.Create("\u00C2\u00C3\u00C5\u00CE\u00D0\u00E2");

    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// <see cref="Clean"/> plus LaTeX accents in names and titles turned into the letters they stand for
    /// (<c>Bal\'azs</c> → Balázs); math and other LaTeX are left as written, which reads well enough.
    /// </summary>
    public static string Readable(string text)
    {
        text = RepairMojibake(text);
        if (text.Contains('\\', StringComparison.Ordinal))
        {
            text = Accent().Replace(text, m => m.Groups["letter"].Value + CombiningMark(m.Groups["accent"].Value[0]));
            text = Cedilla().Replace(text, m => m.Groups["letter"].Value + "\u0327");
            text = BracedLetter().Replace(text, "${letter}").Normalize(NormalizationForm.FormC);
        }

        return Clean(text);
    }

    /// <summary>
    /// UTF-8 that was once decoded as Latin-1 ("RamÃ­rez") decoded again ("Ramírez"); text that is not such a
    /// mix-up is returned as it is, because it either has a character above U+00FF or is not valid UTF-8 as bytes.
    /// </summary>
    public static string RepairMojibake(string text)
    {
        if (text.IndexOfAny(MojibakeLeads) < 0 || text.Any(c => c > '\u00FF'))
        {
            return text;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Encoding.Latin1.GetBytes(text));
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    /// <summary>Plain text from a snippet of HTML (RSS descriptions are HTML by the spec): tags dropped, entities decoded.</summary>
    public static string FromHtml(string html) => Readable(WebUtility.HtmlDecode(HtmlTag().Replace(html, " ")));

    /// <summary>Whether a body is an HTML page (an error or login page served with 200) rather than a feed.</summary>
    public static bool LooksLikeHtml(string text)
    {
        ReadOnlySpan<char> start = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }

    private static char CombiningMark(char accent) => accent switch
    {
        '\'' => '\u0301',
        '`' => '\u0300',
        '"' => '\u0308',
        '^' => '\u0302',
        '~' => '\u0303',
        '=' => '\u0304',
        _ => '\u0307',
    };

    [GeneratedRegex(@"\\(?<accent>['`""^~=.])\s*(?:\{(?<letter>[A-Za-z])\}|(?<letter>[A-Za-z]))", RegexOptions.CultureInvariant)]
    private static partial Regex Accent();

    [GeneratedRegex(@"\\c\s*(?:\{(?<letter>[cCsStT])\}|\s(?<letter>[cCsStT]))", RegexOptions.CultureInvariant)]
    private static partial Regex Cedilla();

    [GeneratedRegex(@"\{(?<letter>\p{L}\p{M}+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex BracedLetter();

    // Only the tags RSS descriptions carry; a bare "<" in an abstract ("p < 0.05") is not a tag.
    [GeneratedRegex(@"</?(?:p|br|a|i|b|em|strong|sub|sup|span|div|ul|ol|li)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();
}
