using System.Text;
using System.Text.Json;

namespace Paperboy.Papers;

/// <summary>
/// Reads Hugging Face's daily papers API (<c>/api/daily_papers</c>): a JSON array of items, each with a nested
/// <c>paper</c> (<c>id</c> = arXiv id, <c>title</c>, <c>summary</c>, <c>authors[].name</c>, <c>publishedAt</c>,
/// <c>upvotes</c>, optional <c>ai_summary</c>, <c>ai_keywords</c>, <c>githubRepo</c>, <c>githubStars</c>) and a
/// top-level <c>numComments</c>.
/// </summary>
/// <remarks>
/// Items are read one at a time, so a body cut off in the middle still yields every item before the cut.
/// </remarks>
public static class HuggingFaceDailyReader
{
    public static PaperReadResult Read(string text)
    {
        var papers = new List<IncomingPaper>();
        var problems = new List<ReadProblem>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new ReadProblem(0, "the body is empty"));
            return new PaperReadResult(papers, problems);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        int item = 0;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                using JsonDocument other = JsonDocument.ParseValue(ref reader);
                string? error = JsonFields.String(other.RootElement, "error");
                problems.Add(new ReadProblem(0, error is not null
                    ? $"Hugging Face answered with an error: {error}"
                    : $"expected a JSON array of daily papers, found {other.RootElement.ValueKind}"));
                return new PaperReadResult(papers, problems);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                item++;
                int line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                try
                {
                    papers.Add(ToPaper(document.RootElement));
                }
                catch (FormatException ex)
                {
                    problems.Add(new ReadProblem(line, $"item {item}: {ex.Message}"));
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                problems.Add(new ReadProblem(0, $"the JSON array ends after item {item} without its closing bracket (is the body cut off?)"));
            }
        }
        catch (JsonException ex)
        {
            problems.Add(new ReadProblem((int)(ex.LineNumber ?? 0) + 1, $"not valid JSON at item {item} (is the body cut off?): {ex.Message}"));
        }

        return new PaperReadResult(papers, problems);
    }

    private static IncomingPaper ToPaper(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, found {item.ValueKind}");
        }

        JsonElement paper = JsonFields.Object(item, "paper") ?? throw new FormatException("\"paper\" is missing");
        string id = JsonFields.RequiredString(paper, "id").Trim();
        string title = PaperText.Readable(JsonFields.String(paper, "title") ?? JsonFields.RequiredString(item, "title"));
        string summary = PaperText.Readable(JsonFields.String(paper, "summary") ?? JsonFields.RequiredString(item, "summary"));
        if (title.Length == 0 || summary.Length == 0)
        {
            throw new FormatException($"{id}: \"title\" or \"summary\" is empty");
        }

        var authors = new List<string>();
        if (paper.TryGetProperty("authors", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            authors.AddRange(list.EnumerateArray()
                .Select(a => JsonFields.String(a, "name"))
                .OfType<string>()
                .Select(PaperText.Readable)
                .Where(n => n.Length > 0));
        }

        string? arxiv = PaperIdentity.ArxivId(id);
        return new IncomingPaper(
            PaperIdentity.KeyFor(id, title),
            title,
            summary,
            authors,
            arxiv is not null ? $"https://arxiv.org/abs/{arxiv}" : $"https://huggingface.co/papers/{Uri.EscapeDataString(id)}",
            JsonFields.Date(paper, "publishedAt") ?? JsonFields.Date(item, "publishedAt"),
            JsonFields.Count(paper, "upvotes"))
        {
            Version = PaperIdentity.ArxivVersion(id),
            AiSummary = JsonFields.String(paper, "ai_summary") is { } ai && !string.IsNullOrWhiteSpace(ai) ? PaperText.Clean(ai) : null,
            AiKeywords = JsonFields.Strings(paper, "ai_keywords"),
            Comments = JsonFields.Count(item, "numComments"),
            GithubRepo = JsonFields.String(paper, "githubRepo"),
            GithubStars = JsonFields.Count(paper, "githubStars"),
        };
    }
}
