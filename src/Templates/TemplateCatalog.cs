using System.Collections.Concurrent;
using Paperboy.Hosting;
using Scriban;
using Scriban.Parsing;

namespace Paperboy.Templates;

/// <summary>
/// The templates (Templates/Files, embedded) and the strings file, each replaced by a file of the same name in
/// the operator's override folder when there is one. Each template is parsed once and kept; HTML templates
/// are CSS-inlined once, as they are loaded.
/// </summary>
public sealed class TemplateCatalog
{
    private const string ResourcePrefix = "Paperboy.Templates.Files.";

    private readonly string? _directory;
    private readonly IReadOnlyList<TemplateSample> _samples;
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _templates = new(StringComparer.Ordinal);
    private readonly Lazy<TemplateText> _text;

    /// <summary>The built-in templates only, without start-up samples.</summary>
    public TemplateCatalog()
        : this(null, [])
    {
    }

    /// <param name="directory">The operator's override folder (absolute), or null.</param>
    /// <param name="samples">Sample data <see cref="Validate"/> renders templates with.</param>
    public TemplateCatalog(string? directory, IEnumerable<TemplateSample> samples)
    {
        _directory = string.IsNullOrEmpty(directory) ? null : directory;
        _samples = [.. samples];
        _text = new Lazy<TemplateText>(LoadText);
    }

    public TemplateText Text => _text.Value;

    /// <summary>Every template name: the built-in ones and those only the override folder has.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            IEnumerable<string> builtIn = typeof(TemplateCatalog).Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sbn", StringComparison.Ordinal))
                .Select(n => n[ResourcePrefix.Length..]);
            IEnumerable<string> overridden = _directory is null
                ? []
                : Directory.EnumerateFiles(_directory, "*.sbn").Select(p => Path.GetFileName(p));
            return [.. builtIn.Union(overridden, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    public Template Get(string name) => _templates.GetOrAdd(name, n => new Lazy<Entry>(() => Load(n))).Value.Final;

    /// <summary>Where a template comes from, for error messages: the override file's path or "built-in NAME".</summary>
    public string Origin(string name) => OverridePath(name) ?? $"built-in {name}";

    /// <summary>
    /// Parses every template and the strings file and renders every registered sample; throws a
    /// <see cref="PaperboyException"/> naming the file, line and column of the first error.
    /// </summary>
    public void Validate()
    {
        _ = Text;
        foreach (string name in Names)
        {
            _ = Get(name);
        }

        var renderer = new TemplateRenderer(this);
        foreach (TemplateSample sample in _samples)
        {
            // The source as written first, so a runtime error points at the operator's own line and column.
            Entry entry = _templates.GetOrAdd(sample.Name, n => new Lazy<Entry>(() => Load(n))).Value;
            object model = sample.Model();
            renderer.Render(entry.Source, sample.Name, model);
            renderer.Render(entry.Final, sample.Name, model);
        }
    }

    internal string ReadSource(string name) => OverridePath(name) is { } path ? File.ReadAllText(path) : ReadBuiltIn(name);

    private static string ReadBuiltIn(string name)
    {
        using Stream stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new PaperboyException($"no template named {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static string Position(string origin, SourceSpan span) =>
        $"{origin} line {span.Start.Line + 1}, column {span.Start.Column + 1}";

    private string? OverridePath(string name)
    {
        if (_directory is null || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        string path = Path.Combine(_directory, name);
        return File.Exists(path) ? path : null;
    }

    private TemplateText LoadText()
    {
        TemplateText builtIn = TemplateText.Parse(ReadBuiltIn(TemplateText.FileName), $"built-in {TemplateText.FileName}");
        return OverridePath(TemplateText.FileName) is { } path ? TemplateText.Parse(File.ReadAllText(path), path, builtIn) : builtIn;
    }

    private Entry Load(string name)
    {
        string origin = Origin(name);
        string source = ReadSource(name);
        Template parsed = Parse(source, name, origin);
        // Web pages (page-*) are read by browsers, which honour style blocks; only emails are inlined.
        if (!name.EndsWith(".html.sbn", StringComparison.Ordinal) || name.StartsWith("page-", StringComparison.Ordinal)
            || !source.Contains("<style", StringComparison.OrdinalIgnoreCase))
        {
            return new Entry(parsed, parsed);
        }

        string inlined = CssInliner.Inline(origin, source);
        return new Entry(parsed, Parse(inlined, name, $"{origin} (after CSS inlining)"));
    }

    private static Template Parse(string source, string name, string origin)
    {
        var template = Template.Parse(source, name);
        if (template.HasErrors)
        {
            LogMessage first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new PaperboyException($"template {Position(origin, first.Span)}: {first.Message}");
        }

        return template;
    }

    /// <summary>A template as written (for error positions) and as rendered (CSS inlined).</summary>
    private sealed record Entry(Template Source, Template Final);
}
