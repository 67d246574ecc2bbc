namespace Paperboy.Templates;

/// <summary>Renders the web pages and account mails with the same engine, escaping and strings as the digest.</summary>
public sealed class PageRenderer(TemplateRenderer renderer)
{
    public const string Layout = "page-layout.html.sbn";
    public const string ActionPage = "page-action.html.sbn";
    public const string SubscribePage = "page-subscribe.html.sbn";
    public const string PreferencesPage = "page-preferences.html.sbn";
    public const string AccountMailHtml = "mail-account.html.sbn";
    public const string AccountMailText = "mail-account.txt.sbn";

    /// <summary>A whole page: <paramref name="template"/> rendered into the site's layout.</summary>
    public string Page(string template, object model, string title) =>
        renderer.Render(Layout, new LayoutView(title, new RawHtml(renderer.Render(template, model))));

    public RenderedDigest AccountMail(AccountMailView view) =>
        new(renderer.Render(AccountMailHtml, view), renderer.Render(AccountMailText, view));
}
