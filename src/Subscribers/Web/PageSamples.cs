using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>Sample models the page and account-mail templates are test-rendered with at start-up.</summary>
public static class PageSamples
{
    private static readonly FormToken Token = new("__RequestVerificationToken", "sample");

    public static IServiceCollection AddPageSamples(this IServiceCollection services)
    {
        services.AddTemplateSample(PageRenderer.Layout, () => new LayoutView("Sample", new RawHtml("<p>sample</p>")));
        services.AddTemplateSample(PageRenderer.ActionPage, () => new ActionPageView("Heading", ["A paragraph."])
        {
            FormAction = "/u/sample",
            ButtonLabel = "Press",
            Antiforgery = Token,
            LinkUrl = "/",
            LinkLabel = "Home",
        });
        services.AddTemplateSample(PageRenderer.SubscribePage, () => new SubscribePageView(
            "ada@example.com", "graphs", "Europe/Berlin", Pages.Frequencies(DigestFrequency.Daily, false), Pages.Hours(7), ["an error"], Token, "nonce")
        {
            Liked = "2401.12345",
        });
        services.AddTemplateSample(PageRenderer.PreferencesPage, () => new PreferencesPageView(
            "ada@example.com", "", "graphs", "surveys", "Europe/Berlin", "10", Pages.Frequencies(DigestFrequency.Weekly, true), Pages.Hours(7),
            ["an error"], true, "/p/sample", "/p/sample/export", "/p/sample/delete", "/u/sample", Token)
        {
            DefaultPapersPerDigest = 10,
            Weekdays = Pages.Weekdays(DayOfWeek.Friday),
            Liked =
            [
                new ProfilePaperView("arxiv:2401.12345", "A liked paper", "https://arxiv.org/abs/2401.12345", false, true),
                new ProfilePaperView("title:a paper from a feed", "A paper from a feed", "", false, false),
                new ProfilePaperView("arxiv:2402.00001", "arxiv:2402.00001", "https://arxiv.org/abs/2402.00001", true, true),
            ],
            Disliked = [new ProfilePaperView("arxiv:2404.00003", "A paper marked less like this", "https://arxiv.org/abs/2404.00003", false, true)],
            AddLiked = "2403.00002",
        });
        AccountMailView mail = new("Confirm", ["A paragraph."], "Confirm", "http://localhost/c/sample", "Footer", "Sender");
        services.AddTemplateSample(PageRenderer.AccountMailHtml, () => mail);
        services.AddTemplateSample(PageRenderer.AccountMailText, () => mail);
        return services;
    }
}
