using System.Globalization;
using System.Xml.Linq;

namespace Paperboy.Papers;

/// <summary>
/// Reads the arXiv API's Atom responses (<c>export.arxiv.org/api/query</c>), in the old format (namespaces declared
/// on each element, summaries wrapped at 80 columns) and the current one. The API's error entry and an empty
/// result are reported as problems, never stored.
/// </summary>
public static class ArxivAtomReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";
    private static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";

    private const string NoEntries = "the arXiv API returned no entries";

    /// <summary>Whether <paramref name="problem"/> says the API found nothing (it has no such paper), not that it refused the query.</summary>
    public static bool IsEmptyResult(ReadProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Line == 0 && problem.Message.StartsWith(NoEntries, StringComparison.Ordinal);
    }

    public static PaperReadResult Read(string text)
    {
        var papers = new List<IncomingPaper>();
        var problems = new List<ReadProblem>();
        int entries = 0;
        string? total = null;
        XName? root = XmlRecords.Scan(text, new HashSet<XName> { Atom + "entry", OpenSearch + "totalResults" }, (element, line) =>
        {
            if (element.Name == OpenSearch + "totalResults")
            {
                total = element.Value.Trim();
                return;
            }

            entries++;
            try
            {
                papers.Add(ToPaper(element));
            }
            catch (FormatException ex)
            {
                problems.Add(new ReadProblem(line, ex.Message));
            }
        }, problems);

        if (root is not null && root != Atom + "feed")
        {
            problems.Add(new ReadProblem(0, $"expected an Atom <feed>, found <{root.LocalName}>"));
        }
        else if (root is null && problems.Count == 0)
        {
            problems.Add(new ReadProblem(0, "the body is empty"));
        }
        else if (entries == 0 && problems.Count == 0)
        {
            problems.Add(new ReadProblem(0, $"{NoEntries} (totalResults {total ?? "missing"})"));
        }

        return new PaperReadResult(papers, problems);
    }

    private static IncomingPaper ToPaper(XElement entry)
    {
        string idText = entry.Text(Atom + "id")?.Trim() ?? throw new FormatException("an entry without <id>");
        if (idText.Contains("/api/errors", StringComparison.Ordinal))
        {
            throw new FormatException($"the arXiv API answered with an error: {PaperText.Clean(entry.Text(Atom + "summary") ?? idText)}");
        }

        string arxiv = PaperIdentity.ArxivId(idText) ?? throw new FormatException($"<id> is not an arXiv id: {idText}");
        string title = PaperText.Readable(entry.Text(Atom + "title") ?? throw new FormatException($"{arxiv}: <title> is missing"));
        string summary = PaperText.Readable(entry.Text(Atom + "summary") ?? throw new FormatException($"{arxiv}: <summary> is missing"));
        string? primary = entry.Element(Arxiv + "primary_category")?.Attribute("term")?.Value;
        List<string> categories = [.. new[] { primary }
            .Concat(entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value))
            .OfType<string>()
            .Where(c => c.Length > 0)
            .Distinct(StringComparer.Ordinal)];
        DateTimeOffset? published = entry.Text(Atom + "published") is { } p
            && DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) ? date : null;

        return new IncomingPaper(
            PaperIdentity.KeyFor(arxiv, title),
            title,
            summary,
            [.. entry.Elements(Atom + "author").Select(a => a.Text(Atom + "name")).OfType<string>().Select(PaperText.Readable)],
            $"https://arxiv.org/abs/{arxiv}",
            published,
            null)
        {
            Version = PaperIdentity.ArxivVersion(idText),
            Doi = PaperIdentity.NormalizeDoi(entry.Text(Arxiv + "doi")),
            Categories = categories,
        };
    }
}
