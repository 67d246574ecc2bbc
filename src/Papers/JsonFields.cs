using System.Globalization;
using System.Text.Json;

namespace Paperboy.Papers;

/// <summary>Typed reads of optional JSON fields, throwing <see cref="FormatException"/> with the field's name when one is malformed.</summary>
internal static class JsonFields
{
    public static string? String(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
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

    public static string RequiredString(JsonElement parent, string name) =>
        String(parent, name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new FormatException($"\"{name}\" is missing or empty");

    public static int? Count(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int count) && count >= 0
            ? count
            : throw new FormatException($"\"{name}\" must be a whole number of at least 0");
    }

    public static DateTimeOffset? Date(JsonElement parent, string name)
    {
        if (String(parent, name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            ? parsed
            : throw new FormatException($"\"{name}\" is not a date: {text}");
    }

    public static List<string> Strings(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{name}\" must be an array");
        }

        return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => PaperText.Clean(e.GetString()!)).Where(s => s.Length > 0)];
    }

    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;
}
