using System.Globalization;
using System.Text.Json;
using Paperboy.Hosting;
using Paperboy.Papers;

namespace Paperboy.Evaluation;

/// <summary>Reads the offline contract's JSONL files; a bad line stops the run with its file and line number.</summary>
public static class EvalFiles
{
    /// <summary>Papers get ids 1..n in file order; <see cref="Paper.Key"/> holds the file's id.</summary>
    public static List<Paper> ReadPapers(string path) =>
        ReadLines(path, (root, number) =>
        {
            string id = RequiredId(root);
            string title = PaperText.Clean(OptionalString(root, "title") ?? "");
            string abstractText = PaperText.Clean(OptionalString(root, "abstract") ?? "");
            if (title.Length == 0 && abstractText.Length == 0)
            {
                throw new FormatException("a paper needs a \"title\" or an \"abstract\"");
            }

            DateTimeOffset? published = OptionalString(root, "published") is { } text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            int? upvotes = root.TryGetProperty("upvotes", out JsonElement u) && u.ValueKind == JsonValueKind.Number ? u.GetInt32() : null;
            return new Paper(number, id, title, abstractText, [], null, published, upvotes);
        });

    public static List<EvalProfile> ReadProfiles(string path) =>
        ReadLines(path, (root, _) => new EvalProfile(
            RequiredId(root), StringArray(root, "keywords"), StringArray(root, "liked"), StringArray(root, "disliked")));

    private static List<T> ReadLines<T>(string path, Func<JsonElement, long, T> parse)
    {
        if (Directory.Exists(path))
        {
            throw new PaperboyException($"{path} is a folder; give one JSONL file");
        }

        if (!File.Exists(path))
        {
            throw new PaperboyException($"{path}: no such file");
        }

        try
        {
            return ParseLines(path, parse);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    private static List<T> ParseLines<T>(string path, Func<JsonElement, long, T> parse)
    {
        var items = new List<T>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("expected a JSON object");
                }

                items.Add(parse(document.RootElement, items.Count + 1));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                throw new PaperboyException($"{path}:{number}: {ex.Message}", ex);
            }
        }

        return items;
    }

    private static string RequiredId(JsonElement root) =>
        root.TryGetProperty("id", out JsonElement id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()
            : throw new FormatException("\"id\" (a string or number) is required");

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> StringArray(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{name}\" must be an array");
        }

        return [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];
    }
}
