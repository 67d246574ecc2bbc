using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>The preferences page behind the link in every digest, with "download my data" and "delete me".</summary>
public static class PreferencesEndpoints
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];
    private static readonly LinkAction[] PreferencesOnly = [LinkAction.Preferences];
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Map(WebApplication app)
    {
        app.MapMethods("/p/{token}", GetOrHead, ShowAsync);
        app.MapPost("/p/{token}", SaveAsync);
        app.MapPost("/p/{token}/export", ExportAsync);
        app.MapMethods("/p/{token}/delete", GetOrHead, ShowDeleteAsync);
        app.MapPost("/p/{token}/delete", DeleteAsync);
    }

    private static async Task<IResult> ShowAsync(
        string token, HttpContext context, LinkResolver links, LinkBuilder builder, OpinionStore opinions, PageRenderer renderer, IAntiforgery antiforgery,
        IOptions<RecommenderOptions> recommender, IOptions<SchedulerOptions> scheduler, CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, PreferencesOnly, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        var page = new FormContext(context, renderer, antiforgery, builder, token, recommender.Value.PapersPerDigest, scheduler.Value.WeeklyDay);
        Opinions shownOpinions = await OpinionsAsync(opinions, link.Subscriber.Id, null, cancellationToken);
        return Form(page, link.Subscriber, Values(link.Subscriber, page), shownOpinions, [], saved: false, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(
        string token, HttpContext context, LinkResolver links, LinkBuilder builder, ProfileStore profiles, OpinionStore opinions, PageRenderer renderer, IAntiforgery antiforgery,
        IOptions<RecommenderOptions> recommender, IOptions<SchedulerOptions> scheduler, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        ResolvedLink? link = await links.ResolveAsync(token, PreferencesOnly, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        var page = new FormContext(context, renderer, antiforgery, builder, token, recommender.Value.PapersPerDigest, scheduler.Value.WeeklyDay);
        IFormCollection form = await context.Request.ReadFormAsync(cancellationToken);
        var values = new FormValues(
            form["keywords"].ToString(), form["muted"].ToString(), form["frequency"].ToString(), form["hour"].ToString(), form["timeZone"].ToString(),
            form["papersPerDigest"].ToString(), form["weeklyDay"].ToString(), form["addLiked"].ToString());
        var errors = new List<string>();
        int? hour = Pages.Number(values.Hour, errors, "hour");
        int? count = Pages.Number(values.PapersPerDigest, errors, "papers per digest");
        Preferences? preferences = Preferences.Validate(
            SubscriptionRules.SplitKeywords(values.Keywords), SubscriptionRules.SplitKeywords(values.Muted), values.Frequency, values.TimeZone, hour, count, errors,
            values.WeeklyDay);
        OpinionsChange opinionsChange = OpinionsForm.Read(form, errors);
        if (preferences is null || errors.Count > 0)
        {
            Opinions shown = await OpinionsAsync(opinions, link.Subscriber.Id, form, cancellationToken);
            return Form(page, link.Subscriber, values, shown, errors, saved: false, StatusCodes.Status400BadRequest);
        }

        // The configured day is stored as "none chosen", so a later change of Scheduler:WeeklyDay still moves this subscriber.
        preferences = preferences with
        {
            WeeklyDay = preferences.WeeklyDay == page.DefaultWeeklyDay ? null : preferences.WeeklyDay,
            Opinions = opinionsChange,
        };
        await profiles.UpdatePreferencesAsync(link.Subscriber.Id, preferences, cancellationToken);
        Subscriber updated = link.Subscriber with
        {
            Frequency = preferences.Frequency,
            TimeZone = preferences.TimeZone,
            DeliveryHour = preferences.DeliveryHour,
            Keywords = preferences.Keywords,
            MutedKeywords = preferences.MutedKeywords,
            PapersPerDigest = preferences.PapersPerDigest,
            WeeklyDay = preferences.WeeklyDay,
        };
        Opinions now = await OpinionsAsync(opinions, link.Subscriber.Id, null, cancellationToken);
        return Form(page, updated, Values(updated, page), now, [], saved: true, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ExportAsync(
        string token, HttpContext context, LinkResolver links, ProfileStore profiles, PageRenderer renderer, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        ResolvedLink? link = await links.ResolveAsync(token, PreferencesOnly, cancellationToken);
        SubscriberExport? export = link is null ? null : await profiles.ExportAsync(link.Subscriber.Id, cancellationToken);
        if (export is null)
        {
            return Pages.InvalidLink(renderer);
        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"paperboy-my-data.json\"";
        return Results.Json(export, ExportJson);
    }

    private static async Task<IResult> ShowDeleteAsync(
        string token, HttpContext context, LinkResolver links, PageRenderer renderer, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, PreferencesOnly, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        var view = new ActionPageView(
            "Delete everything about you",
            [
                $"This removes {link.Subscriber.Email}, your keywords, your feedback and the record of what was sent to you. It cannot be undone.",
                "Only a one-way hash of the address is kept, so that nothing is ever sent to it again unless you subscribe anew.",
            ])
        {
            FormAction = context.Request.Path,
            ButtonLabel = "Delete me",
            Danger = true,
            Antiforgery = Pages.FormToken(antiforgery, context),
        };
        return Pages.Html(renderer.Page(PageRenderer.ActionPage, view, "Delete me"));
    }

    private static async Task<IResult> DeleteAsync(
        string token, HttpContext context, LinkResolver links, ProfileStore profiles, PageRenderer renderer, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        ResolvedLink? link = await links.ResolveAsync(token, PreferencesOnly, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        await profiles.DeleteAsync(link.Subscriber.Id, cancellationToken);
        return Pages.Message(renderer, StatusCodes.Status200OK, "Deleted", "Everything Paperboy stored about you is gone. Nothing more will be sent to this address.");
    }

    private static FormValues Values(Subscriber subscriber, FormContext page) => new(
        string.Join("\n", subscriber.Keywords),
        string.Join("\n", subscriber.MutedKeywords),
        SubscriberStore.Text(subscriber.Frequency),
        subscriber.DeliveryHour.ToString(CultureInfo.InvariantCulture),
        subscriber.TimeZone,
        subscriber.PapersPerDigest?.ToString(CultureInfo.InvariantCulture) ?? "",
        SubscriberStore.Text(subscriber.WeeklyDay ?? page.DefaultWeeklyDay),
        "");

    private static IResult Form(
        FormContext page, Subscriber subscriber, FormValues values, Opinions opinions, IReadOnlyList<string> errors, bool saved, int status)
    {
        (HttpContext context, PageRenderer renderer, IAntiforgery antiforgery, LinkBuilder builder, string token, int defaultCount, DayOfWeek defaultDay) = page;
        DigestFrequency frequency = Enum.TryParse(values.Frequency, ignoreCase: true, out DigestFrequency f) ? f : subscriber.Frequency;
        int hour = int.TryParse(values.Hour, NumberStyles.Integer, CultureInfo.InvariantCulture, out int h) ? h : subscriber.DeliveryHour;
        DayOfWeek day = SubscriptionRules.Weekday(values.WeeklyDay, []) ?? subscriber.WeeklyDay ?? defaultDay;
        var view = new PreferencesPageView(
            subscriber.Email,
            subscriber.Status == SubscriberStatus.Active ? "" : SubscriberStore.Text(subscriber.Status),
            values.Keywords,
            values.Muted,
            values.TimeZone,
            values.PapersPerDigest,
            Pages.Frequencies(frequency, includePaused: true),
            Pages.Hours(hour),
            errors,
            saved,
            $"/p/{token}",
            $"/p/{token}/export",
            $"/p/{token}/delete",
            builder.Unsubscribe(subscriber),
            Pages.FormToken(antiforgery, context))
        {
            DefaultPapersPerDigest = defaultCount,
            Weekdays = Pages.Weekdays(day),
            Liked = opinions.Liked,
            Disliked = opinions.Disliked,
            AddLiked = values.AddLiked,
        };
        return Pages.Html(renderer.Page(PageRenderer.PreferencesPage, view, "Preferences"), status);
    }

    private static async Task<Opinions> OpinionsAsync(OpinionStore opinions, long id, IFormCollection? form, CancellationToken cancellationToken) => new(
        await OpinionsForm.ViewsAsync(opinions, id, Opinion.Liked, form, cancellationToken),
        await OpinionsForm.ViewsAsync(opinions, id, Opinion.Disliked, form, cancellationToken));

    // What every rendering of the form needs besides the subscriber and the values shown.
    private sealed record FormContext(
        HttpContext Context, PageRenderer Renderer, IAntiforgery Antiforgery, LinkBuilder Builder, string Token, int DefaultPapersPerDigest, DayOfWeek DefaultWeeklyDay);

    private sealed record Opinions(IReadOnlyList<ProfilePaperView> Liked, IReadOnlyList<ProfilePaperView> Disliked);

    private sealed record FormValues(
        string Keywords, string Muted, string Frequency, string Hour, string TimeZone, string PapersPerDigest, string WeeklyDay, string AddLiked);
}
