using System.Globalization;
using System.Text.Json;
using Paperboy.Hosting;

namespace Paperboy.Papers;

/// <summary>
/// Reads Paperboy's JSONL format: one object a line with
/// <c>id, title, abstract, authors[], published, url, upvotes</c>; only title and abstract are required.
/// </summary>
public static class JsonlPaperReader
{
    public static PaperReadResult Read(TextReader reader) =>
        JsonLines.Read(reader, ToPaper);

    private static IncomingPaper ToPaper(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, found {root.ValueKind}");
        }

        string title = PaperText.Clean(RequiredString(root, "title"));
        string abstractText = PaperText.Clean(RequiredString(root, "abstract"));
        string? id = OptionalString(root, "id");
        string? url = OptionalString(root, "url");
        if (url is not null && !HttpUrl.IsValid(url))
        {
            throw new FormatException($"\"url\" is not an http(s) address: {url}");
        }

        DateTimeOffset? published = null;
        if (OptionalString(root, "published") is { } publishedText)
        {
            published = DateTimeOffset.TryParse(publishedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
                ? parsed
                : throw new FormatException($"\"published\" is not a date: {publishedText}");
        }

        int? upvotes = null;
        if (root.TryGetProperty("upvotes", out JsonElement votes) && votes.ValueKind != JsonValueKind.Null)
        {
            upvotes = votes.ValueKind == JsonValueKind.Number && votes.TryGetInt32(out int value) && value >= 0
                ? value
                : throw new FormatException("\"upvotes\" must be a whole number of at least 0");
        }

        return new IncomingPaper(PaperIdentity.KeyFor(id, title), title, abstractText, Authors(root), url, published, upvotes)
        {
            Version = id is null ? null : PaperIdentity.ArxivVersion(id),
        };
    }

    private static List<string> Authors(JsonElement root)
    {
        if (!root.TryGetProperty("authors", out JsonElement authors) || authors.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (authors.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("\"authors\" must be an array of names");
        }

        var names = new List<string>();
        foreach (JsonElement author in authors.EnumerateArray())
        {
            string? name = author.ValueKind switch
            {
                JsonValueKind.String => author.GetString(),
                JsonValueKind.Object when author.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                _ => throw new FormatException("\"authors\" must be an array of names"),
            };
            if (!string.IsNullOrWhiteSpace(name))
            {
                names.Add(PaperText.Clean(name));
            }
        }

        return names;
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new FormatException($"\"{name}\" is missing or empty");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new FormatException($"\"{name}\" must be a string"),
        };
    }
}
