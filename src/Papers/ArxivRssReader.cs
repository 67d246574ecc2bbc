using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Paperboy.Papers;

/// <summary>
/// Reads arXiv's RSS 2.0 feeds (<c>rss.arxiv.org/rss/cs.LG+cs.AI</c>): each item's description is
/// "arXiv:ID vN Announce Type: new|cross|replace|replace-cross Abstract: …", authors are one comma-separated
/// <c>dc:creator</c>. A "replace" is a new version of a paper already announced: it updates the row.
/// </summary>
/// <remarks>An empty channel is normal (arXiv announces nothing at weekends) and is not a problem.</remarks>
public static partial class ArxivRssReader
{
    private static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public static PaperReadResult Read(string text)
    {
        var papers = new List<IncomingPaper>();
        var problems = new List<ReadProblem>();
        XName? root = XmlRecords.Scan(text, new HashSet<XName> { "item" }, (item, line) =>
        {
            try
            {
                papers.Add(ToPaper(item));
            }
            catch (FormatException ex)
            {
                problems.Add(new ReadProblem(line, ex.Message));
            }
        }, problems);

        if (root is not null && root != "rss")
        {
            problems.Add(new ReadProblem(0, $"expected an RSS <rss> document, found <{root.LocalName}>"));
        }
        else if (root is null && problems.Count == 0)
        {
            problems.Add(new ReadProblem(0, "the body is empty"));
        }

        return new PaperReadResult(papers, problems);
    }

    private static IncomingPaper ToPaper(XElement item)
    {
        string link = item.Text("link")?.Trim() ?? "";
        string guid = item.Text("guid")?.Trim() ?? "";
        string description = item.Text("description") ?? throw new FormatException($"{link}: <description> is missing");
        Match announcement = Announcement().Match(description);
        string idText = announcement.Success ? announcement.Groups["id"].Value : guid.Replace("oai:arXiv.org:", "", StringComparison.OrdinalIgnoreCase);
        string arxiv = PaperIdentity.ArxivId(idText) ?? PaperIdentity.ArxivId(link) ?? throw new FormatException($"an item without an arXiv id (link {link})");
        string title = PaperText.FromHtml(item.Text("title") ?? throw new FormatException($"{arxiv}: <title> is missing"));
        string summary = PaperText.FromHtml(announcement.Success ? announcement.Groups["abstract"].Value : description);
        if (summary.Length == 0)
        {
            throw new FormatException($"{arxiv}: the abstract is empty");
        }

        string announceType = item.Text(Arxiv + "announce_type")?.Trim() ?? announcement.Groups["type"].Value;
        // Only a "new" announcement is the paper's first appearance; a cross-list or replacement is announced later.
        DateTimeOffset? published = announceType == "new" && item.Text("pubDate") is { } date ? ParseRfc822(date) : null;
        List<string> authors = [.. (item.Text(Dc + "creator") ?? "")
            .Split([",", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PaperText.Readable)
            .Where(a => a.Length > 0)];

        return new IncomingPaper(PaperIdentity.KeyFor(arxiv, title), title, summary, authors, $"https://arxiv.org/abs/{arxiv}", published, null)
        {
            Version = PaperIdentity.ArxivVersion(idText),
            Doi = PaperIdentity.NormalizeDoi(item.Text(Arxiv + "DOI") ?? item.Text(Arxiv + "doi")),
            Categories = [.. item.Elements("category").Select(c => c.Value.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)],
        };
    }

    private static DateTimeOffset? ParseRfc822(string text)
    {
        // "Thu, 24 Sep 2026 00:00:00 -0400": .NET's zzz wants a colon in the offset.
        string value = Rfc822Offset().Replace(text.Trim(), "$1:$2");
        return DateTimeOffset.TryParseExact(value, ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed)
            ? parsed
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed) ? parsed : null;
    }

    [GeneratedRegex(@"^\s*arXiv:(?<id>\S+)\s+Announce Type:\s*(?<type>\S+)\s*Abstract:\s*(?<abstract>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Announcement();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822Offset();
}
