using Paperboy.Hosting;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Paperboy.Templates;

/// <summary>
/// Renders any template of the catalog with a model: <c>*.html.sbn</c> with HTML-encoding of every value,
/// others as plain text. The model's properties become globals (snake_case), and <c>t</c> holds the strings.
/// </summary>
public sealed class TemplateRenderer(TemplateCatalog templates)
{
    public string Render(string name, object model) => Render(templates.Get(name), name, model);

    internal string Render(Template template, string name, object model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // A fresh context per render: contexts hold state and are not thread-safe.
        TemplateContext context = name.EndsWith(".html.sbn", StringComparison.Ordinal)
            ? new HtmlEncodingTemplateContext()
            : new TemplateContext { StrictVariables = true };
        context.EnableRelaxedMemberAccess = false;
        var globals = new ScriptObject();
        globals.Import(model);
        globals.SetValue("t", templates.Text.ToScriptObject(), readOnly: true);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new PaperboyException($"template {TemplateCatalog.Position(templates.Origin(name), ex.Span)}: {ex.OriginalMessage}", ex);
        }
    }
}
