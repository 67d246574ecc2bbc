using Scriban;
using Scriban.Runtime;

namespace Paperboy.Templates;

/// <summary>Renders a digest's HTML and plain-text parts from the same view.</summary>
public sealed class DigestRenderer(TemplateCatalog templates)
{
    public const string HtmlTemplate = "digest.html.sbn";
    public const string TextTemplate = "digest.txt.sbn";

    public RenderedDigest Render(DigestView view)
    {
        string html = Render(HtmlTemplate, view, new HtmlEncodingTemplateContext());
        string text = Render(TextTemplate, view, new TemplateContext { StrictVariables = true });
        return new RenderedDigest(html, text);
    }

    private string Render(string name, DigestView view, TemplateContext context)
    {
        // A fresh context per render: contexts hold state and are not thread-safe.
        var globals = new ScriptObject();
        globals.Import(view);
        context.PushGlobal(globals);
        return templates.Get(name).Render(context);
    }
}
