using Scriban.Runtime;

namespace Paperboy.Templates;

/// <summary>Renders the web pages and account mails with the same engine and escaping as the digest.</summary>
public sealed class PageRenderer(TemplateCatalog templates)
{
    public const string Layout = "page-layout.html.sbn";
    public const string ActionPage = "page-action.html.sbn";
    public const string SubscribePage = "page-subscribe.html.sbn";
    public const string PreferencesPage = "page-preferences.html.sbn";
    public const string AccountMailHtml = "mail-account.html.sbn";
    public const string AccountMailText = "mail-account.txt.sbn";

    /// <summary>A whole page: <paramref name="template"/> rendered into the site's layout.</summary>
    public string Page(string template, object model, string title) =>
        Html(Layout, new LayoutView(title, new RawHtml(Html(template, model))));

    public RenderedDigest AccountMail(AccountMailView view) =>
        new(Html(AccountMailHtml, view), Render(AccountMailText, view, new Scriban.TemplateContext { StrictVariables = true }));

    private string Html(string template, object model) => Render(template, model, new HtmlEncodingTemplateContext());

    private string Render(string template, object model, Scriban.TemplateContext context)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        context.PushGlobal(globals);
        return templates.Get(template).Render(context);
    }
}
