using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Paperboy.Scheduler;
using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>
/// The links in emails: confirm, unsubscribe, per-paper feedback and the switch to another frequency. A GET (or HEAD: mail scanners follow
/// every link) only shows a page with one button; the button's POST makes the change.
/// </summary>
public static class LinkEndpoints
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];
    private static readonly LinkAction[] Feedback = [LinkAction.MoreLikeThis, LinkAction.LessLikeThis, LinkAction.MuteKeyword, LinkAction.SwitchFrequency];

    public static void Map(WebApplication app)
    {
        app.MapMethods("/c/{token}", GetOrHead, ShowConfirmAsync);
        app.MapPost("/c/{token}", ConfirmAsync);
        app.MapMethods("/u/{token}", GetOrHead, ShowUnsubscribeAsync);
        // RFC 8058 one-click: mail providers POST here without cookies; the token alone authorises it.
        app.MapPost("/u/{token}", UnsubscribeAsync).DisableAntiforgery();
        app.MapMethods("/f/{token}", GetOrHead, ShowFeedbackAsync);
        app.MapPost("/f/{token}", ApplyFeedbackAsync);
    }

    private static async Task<IResult> ShowConfirmAsync(
        string token, HttpContext context, LinkResolver links, PageRenderer renderer, IAntiforgery antiforgery, IOptions<SchedulerOptions> scheduler,
        CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, [LinkAction.Confirm], cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        return link switch
        {
            { Expired: true } => Expired(renderer),
            { Subscriber.Status: SubscriberStatus.Active } => Confirmed(renderer, link.Subscriber, scheduler.Value.WeeklyDay),
            { Subscriber.Status: SubscriberStatus.Pending } => Button(
                context, renderer, antiforgery, "Confirm your subscription", "Confirm my subscription", false,
                $"Confirm that {link.Subscriber.Email} should get {AccountMailer.DigestPhrase(link.Subscriber.Frequency)} of papers about: {string.Join(", ", link.Subscriber.Keywords)}."),
            _ => Pages.InvalidLink(renderer),
        };
    }

    private static async Task<IResult> ConfirmAsync(
        string token, HttpContext context, LinkResolver links, SubscriberStore subscribers, PageRenderer renderer, IAntiforgery antiforgery,
        IOptions<SchedulerOptions> scheduler, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        ResolvedLink? link = await links.ResolveAsync(token, [LinkAction.Confirm], cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        if (link.Expired)
        {
            return Expired(renderer);
        }

        bool confirmed = await subscribers.ConfirmAsync(link.Subscriber.Id, cancellationToken);
        return confirmed || link.Subscriber.Status == SubscriberStatus.Active
            ? Confirmed(renderer, link.Subscriber, scheduler.Value.WeeklyDay)
            : Pages.InvalidLink(renderer);
    }

    private static async Task<IResult> ShowUnsubscribeAsync(
        string token, HttpContext context, LinkResolver links, LinkBuilder builder, PageRenderer renderer, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, [LinkAction.Unsubscribe], cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        if (link.Subscriber.Status == SubscriberStatus.Unsubscribed)
        {
            return Unsubscribed(renderer, link.Subscriber);
        }

        // Too much mail is the usual reason to leave: the slower pace is offered beside the button, never instead of it.
        (string Url, string Label)? slower = link.Subscriber.Frequency switch
        {
            DigestFrequency.Daily => (builder.SwitchFrequency(link.Subscriber, DigestFrequency.Weekly), "Too much mail? Get one digest a week instead"),
            DigestFrequency.Instant => (builder.SwitchFrequency(link.Subscriber, DigestFrequency.Daily), "Too many alerts? Get one digest a day instead"),
            _ => null,
        };
        return Button(
            context, renderer, antiforgery, "Unsubscribe", "Unsubscribe", true, $"Stop all Paperboy mail to {link.Subscriber.Email}. It takes effect at once.", slower);
    }

    private static async Task<IResult> UnsubscribeAsync(
        string token, SubscriptionService subscriptions, PageRenderer renderer, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(token, cancellationToken) is { } subscriber
            ? Unsubscribed(renderer, subscriber)
            : Pages.InvalidLink(renderer);

    private static async Task<IResult> ShowFeedbackAsync(
        string token, HttpContext context, LinkResolver links, OpinionStore opinions, PageRenderer renderer, IAntiforgery antiforgery,
        IOptions<SchedulerOptions> scheduler, CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, Feedback, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        string? subject = await DescribeAsync(link, opinions, cancellationToken);
        if (subject is null)
        {
            return Gone(renderer, link.Claim.Action);
        }

        if (link.Claim.Action == LinkAction.SwitchFrequency)
        {
            var to = (DigestFrequency)link.Claim.Argument;
            return link.Subscriber.Status == SubscriberStatus.Unsubscribed ? Unsubscribed(renderer, link.Subscriber)
                : link.Subscriber.Frequency == to ? Pages.Message(renderer, StatusCodes.Status200OK, "Nothing to change", $"{link.Subscriber.Email} already gets {subject}.")
                : Button(context, renderer, antiforgery, FrequencySwitch.Heading(to), $"Yes, {subject}", false, FrequencySwitch.Offer(link.Subscriber, to, scheduler.Value.WeeklyDay));
        }

        if (link.Claim.Action == LinkAction.MuteKeyword && link.Subscriber.MutedKeywords.Contains(subject, StringComparer.Ordinal))
        {
            return Pages.Message(renderer, StatusCodes.Status200OK, "Already muted", $"“{subject}” is already muted. You can unmute it on your preferences page.");
        }

        return link.Claim.Action switch
        {
            LinkAction.MoreLikeThis => Button(context, renderer, antiforgery, "More like this", "Yes, more like this", false, $"Show me more papers like “{subject}”."),
            LinkAction.LessLikeThis => Button(context, renderer, antiforgery, "Less like this", "Yes, fewer like this", false, $"Show me fewer papers like “{subject}”."),
            _ => Button(context, renderer, antiforgery, "Mute a keyword", $"Mute “{subject}”", false, $"Stop choosing papers for the keyword “{subject}”. You can unmute it on your preferences page."),
        };
    }

    private static async Task<IResult> ApplyFeedbackAsync(
        string token, HttpContext context, LinkResolver links, ProfileStore profiles, OpinionStore opinions, PageRenderer renderer, IAntiforgery antiforgery,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        ResolvedLink? link = await links.ResolveAsync(token, Feedback, cancellationToken);
        if (link is null)
        {
            return Pages.InvalidLink(renderer);
        }

        string? subject = await DescribeAsync(link, opinions, cancellationToken);
        if (subject is null)
        {
            return Gone(renderer, link.Claim.Action);
        }

        long id = link.Subscriber.Id;
        switch (link.Claim.Action)
        {
            case LinkAction.SwitchFrequency when link.Subscriber.Status == SubscriberStatus.Unsubscribed:
                return Unsubscribed(renderer, link.Subscriber);
            case LinkAction.SwitchFrequency:
                await profiles.SetFrequencyAsync(id, (DigestFrequency)link.Claim.Argument, cancellationToken);
                return Pages.Message(renderer, StatusCodes.Status200OK, "Done", $"From now on {link.Subscriber.Email} gets {subject}.");
            case LinkAction.MoreLikeThis:
                await opinions.SetAsync(id, link.Claim.Argument, Opinion.Liked, cancellationToken);
                return Pages.Message(renderer, StatusCodes.Status200OK, "Noted", $"You will see more papers like “{subject}”.");
            case LinkAction.LessLikeThis:
                await opinions.SetAsync(id, link.Claim.Argument, Opinion.Disliked, cancellationToken);
                return Pages.Message(renderer, StatusCodes.Status200OK, "Noted", $"You will see fewer papers like “{subject}”.");
            default:
                await profiles.MuteKeywordAsync(id, link.Claim.Argument, cancellationToken);
                return Pages.Message(renderer, StatusCodes.Status200OK, "Keyword muted", $"“{subject}” no longer chooses papers for you.");
        }
    }

    /// <summary>The paper's title, the keyword or the pace the link acts on; null when it no longer exists.</summary>
    private static Task<string?> DescribeAsync(ResolvedLink link, OpinionStore opinions, CancellationToken cancellationToken) => link.Claim.Action switch
    {
        LinkAction.MuteKeyword => Task.FromResult(link.Subscriber.Keywords.Concat(link.Subscriber.MutedKeywords).FirstOrDefault(k => LinkTokens.KeywordArgument(k) == link.Claim.Argument)),
        LinkAction.SwitchFrequency => Task.FromResult(FrequencySwitch.Pace(link.Claim.Argument)),
        _ => opinions.PaperTitleAsync(link.Claim.Argument, cancellationToken),
    };

    private static IResult Button(
        HttpContext context, PageRenderer renderer, IAntiforgery antiforgery, string heading, string label, bool danger, string text,
        (string Url, string Label)? alternative = null)
    {
        var view = new ActionPageView(heading, [text])
        {
            FormAction = context.Request.Path,
            ButtonLabel = label,
            Danger = danger,
            Antiforgery = Pages.FormToken(antiforgery, context),
            LinkUrl = alternative?.Url ?? "",
            LinkLabel = alternative?.Label ?? "",
        };
        return Pages.Html(renderer.Page(PageRenderer.ActionPage, view, heading));
    }

    private static IResult Confirmed(PageRenderer renderer, Subscriber subscriber, DayOfWeek weeklyDay) =>
        Pages.Message(
            renderer,
            StatusCodes.Status200OK,
            "You are subscribed",
            $"{(subscriber.Frequency == DigestFrequency.Instant ? "Alerts come" : "Your digest comes")} {DeliveryWords.When(subscriber, subscriber.Frequency, weeklyDay)}. Every one has links to change your preferences or unsubscribe.");

    private static IResult Unsubscribed(PageRenderer renderer, Subscriber subscriber) =>
        Pages.Message(renderer, StatusCodes.Status200OK, "You are unsubscribed", ("/", "Changed your mind? Subscribe again"), $"Paperboy will not send {subscriber.Email} any more digests.");

    private static IResult Expired(PageRenderer renderer) =>
        Pages.Message(renderer, StatusCodes.Status410Gone, "This confirmation link has expired", ("/", "Subscribe again"), "Subscribe again on the front page and we will send a fresh link.");

    /// <summary>A genuine link whose keyword or paper is no longer there: say so, rather than call the link broken.</summary>
    private static IResult Gone(PageRenderer renderer, LinkAction action) => action == LinkAction.MuteKeyword
        ? Pages.Message(renderer, StatusCodes.Status410Gone, "Nothing to mute", "This keyword is no longer one of yours, so it chooses no papers. Your keywords are on your preferences page; its link is at the end of every digest.")
        : Pages.Message(renderer, StatusCodes.Status410Gone, "This paper is gone", "Paperboy no longer keeps this paper, so there is nothing to note about it.");
}
