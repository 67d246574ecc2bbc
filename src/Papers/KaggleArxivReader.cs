using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>
/// Reads the Kaggle arXiv metadata snapshot (<c>arxiv-metadata-oai-snapshot.json</c>): one object a line with
/// <c>id, authors, title, abstract, doi, categories</c> (space-separated), <c>versions[]</c> and <c>authors_parsed</c>.
/// </summary>
public static partial class KaggleArxivReader
{
    // authors_parsed holds [last, first, suffix]; a name reads first, last, suffix.
    private static readonly int[] NameOrder = [1, 0, 2];

    public static PaperReadResult Read(TextReader reader, int firstLine = 1) =>
        JsonLines.Read(reader, ToPaper, firstLine);

    /// <summary>Whether a JSON line looks like a Kaggle record rather than Paperboy's own JSONL.</summary>
    public static bool IsKaggleRecord(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("authors_parsed", out _) || root.TryGetProperty("versions", out _) || root.TryGetProperty("submitter", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IncomingPaper ToPaper(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, found {root.ValueKind}");
        }

        string id = JsonFields.RequiredString(root, "id").Trim();
        string arxiv = PaperIdentity.ArxivId(id) ?? throw new FormatException($"\"id\" is not an arXiv id: {id}");
        string title = PaperText.Readable(JsonFields.RequiredString(root, "title"));
        string abstractText = PaperText.Readable(JsonFields.RequiredString(root, "abstract"));
        (int? version, DateTimeOffset? published) = Versions(root);
        string? doi = JsonFields.String(root, "doi")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

        return new IncomingPaper(PaperIdentity.KeyFor(arxiv, title), title, abstractText, Authors(root), $"https://arxiv.org/abs/{arxiv}", published, null)
        {
            Version = version,
            Doi = PaperIdentity.NormalizeDoi(doi),
            Categories = [.. (JsonFields.String(root, "categories") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        };
    }

    /// <summary>"First Last Suffix" from <c>authors_parsed</c> ([last, first, suffix]); the raw string split at commas when it is absent.</summary>
    private static List<string> Authors(JsonElement root)
    {
        if (root.TryGetProperty("authors_parsed", out JsonElement parsed) && parsed.ValueKind == JsonValueKind.Array)
        {
            return [.. parsed.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Array)
                .Select(a => string.Join(' ', NameOrder
                    .Where(i => i < a.GetArrayLength() && a[i].ValueKind == JsonValueKind.String)
                    .Select(i => a[i].GetString()!.Trim())
                    .Where(s => s.Length > 0)))
                .Select(n => SplitInitials().Replace(PaperText.Readable(n), "$1-$2"))
                .Where(n => n.Length > 0)];
        }

        return [.. (JsonFields.String(root, "authors") ?? "")
            .Split([",", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PaperText.Readable)];
    }

    /// <summary>The latest version's number, and the first version's date (the paper's publication).</summary>
    private static (int? Version, DateTimeOffset? Published) Versions(JsonElement root)
    {
        if (!root.TryGetProperty("versions", out JsonElement versions) || versions.ValueKind != JsonValueKind.Array || versions.GetArrayLength() == 0)
        {
            return (null, null);
        }

        int? latest = versions.EnumerateArray()
            .Select(v => JsonFields.String(v, "version"))
            .Select(v => v is not null && v.StartsWith('v') && int.TryParse(v.AsSpan(1), CultureInfo.InvariantCulture, out int n) ? n : (int?)null)
            .Max();
        string? created = JsonFields.String(versions[0], "created");
        DateTimeOffset? published = created is not null
            && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) ? date : null;
        return (latest, published);
    }

    // authors_parsed spells hyphenated initials "C. -P."; the name is "C.-P.".
    [GeneratedRegex(@"(\.) -(\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex SplitInitials();
}
