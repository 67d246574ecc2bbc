using System.Globalization;
using System.Text.Json;
using Paperboy.Hosting;
using Scriban.Runtime;

namespace Paperboy.Templates;

/// <summary>
/// Every user-visible string of the emails, from one file (<c>strings.json</c>, overridable like a template):
/// templates read them as <c>t.key</c>, code formats headings and subjects with <see cref="Format"/>. Translating
/// Paperboy means translating that one file.
/// </summary>
public sealed class TemplateText
{
    public const string FileName = "strings.json";

    private static readonly string[] Required =
    [
        "lang", "dir", "culture", "date_format", "short_date_format", "subject",
    ];

    private readonly IReadOnlyDictionary<string, string> _values;
    private ScriptObject? _script;

    private TemplateText(IReadOnlyDictionary<string, string> values, CultureInfo culture)
    {
        _values = values;
        Culture = culture;
    }

    /// <summary>The culture dates are written in (month and day names).</summary>
    public CultureInfo Culture { get; }

    public string this[string key] => _values.TryGetValue(key, out string? value)
        ? value
        : throw new PaperboyException($"{FileName} has no string \"{key}\"");

    /// <param name="json">The strings file's text.</param>
    /// <param name="origin">Where it comes from, for error messages.</param>
    /// <param name="defaults">
    /// The built-in strings, when <paramref name="json"/> is an operator's override: a string the override lacks
    /// (one added by a later version, say) falls back to the built-in one instead of failing every render.
    /// </param>
    public static TemplateText Parse(string json, string origin, TemplateText? defaults = null)
    {
        Dictionary<string, string>? values;
        try
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException ex)
        {
            throw new PaperboyException(
                $"{origin} line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: not a JSON object of strings: {ex.Message}", ex);
        }

        values ??= [];
        if (defaults is not null)
        {
            foreach ((string key, string value) in defaults._values)
            {
                values.TryAdd(key, value);
            }
        }

        string? missing = Required.FirstOrDefault(k => !values.ContainsKey(k));
        if (missing is not null)
        {
            throw new PaperboyException($"{origin}: the string \"{missing}\" is missing");
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(values["culture"], predefinedOnly: true);
        }
        catch (CultureNotFoundException ex)
        {
            throw new PaperboyException($"{origin}: unknown culture \"{values["culture"]}\"", ex);
        }

        return new TemplateText(values, culture);
    }

    /// <summary>The string <paramref name="key"/> with each <c>{name}</c> replaced by its argument.</summary>
    public string Format(string key, params (string Name, object Value)[] arguments)
    {
        string text = this[key];
        foreach ((string name, object value) in arguments)
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, Culture), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>"one" or "other" form of a counted string: <c>KEY_one</c> / <c>KEY_other</c>, with <c>{count}</c>.</summary>
    public string Plural(string key, int count, params (string Name, object Value)[] arguments) =>
        Format(count == 1 ? key + "_one" : key + "_other", [("count", count), .. arguments]);

    public string Date(DateOnly date) => date.ToString(this["date_format"], Culture);

    public string ShortDate(DateOnly date) => date.ToString(this["short_date_format"], Culture);

    /// <summary>
    /// The strings as the <c>t</c> object templates read: built once and read-only, so every render (on any
    /// thread) shares it instead of copying every string into a new object.
    /// </summary>
    public ScriptObject ToScriptObject() => _script ??= Build(_values);

    private static ScriptObject Build(IReadOnlyDictionary<string, string> values)
    {
        var script = new ScriptObject();
        foreach ((string key, string value) in values)
        {
            script.Add(key, value);
        }

        script.IsReadOnly = true;
        return script;
    }
}
