using System.Collections.Concurrent;
using Paperboy.Hosting;
using Scriban;
using Scriban.Parsing;

namespace Paperboy.Templates;

/// <summary>The built-in templates (Templates/Files, embedded), each parsed once and kept.</summary>
public sealed class TemplateCatalog
{
    private const string ResourcePrefix = "Paperboy.Templates.Files.";

    private readonly ConcurrentDictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public Template Get(string name) => _templates.GetOrAdd(name, Load);

    private static Template Load(string name)
    {
        using Stream stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new PaperboyException($"no built-in template named {name}");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
        {
            LogMessage first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new PaperboyException(
                $"template {name} line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}");
        }

        return template;
    }
}
