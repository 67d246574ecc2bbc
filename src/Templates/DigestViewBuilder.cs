using Microsoft.Extensions.Options;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Templates;

/// <summary>Turns a subscriber's recommendations into the view their email is rendered from, in their time zone and words.</summary>
public sealed class DigestViewBuilder(TemplateCatalog templates, LinkBuilder links, IOptions<WebOptions> web)
{
    /// <summary>Alerts are read on a phone lock screen: shorter abstracts.</summary>
    public const int AlertAbstractLength = 280;

    /// <summary>The view; <paramref name="template"/> overrides the kind the subscriber's frequency asks for (daily or weekly), for alerts.</summary>
    public DigestView Build(Subscriber subscriber, IReadOnlyList<Recommendation> items, DateTimeOffset now, DigestKind? template = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(items);
        TemplateText text = templates.Text;
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        DateOnly date = LocalDate(now, zone);
        // Alerts are built only when asked for (InstantAlerts): an instant subscriber's scheduled mail is the daily
        // digest of what no alert carried, and says so.
        DigestKind kind = template ?? (subscriber.Frequency == DigestFrequency.Weekly ? DigestKind.Weekly : DigestKind.Daily);
        string heading = text.Plural(kind switch
        {
            DigestKind.Weekly => "weekly_heading",
            DigestKind.Alert => "alert_heading",
            _ => "daily_heading",
        }, items.Count);
        int abstractLength = kind == DigestKind.Alert ? AlertAbstractLength : DigestViewFactory.MaxAbstractLength;
        // Too much mail and too little are the two reasons people unsubscribe; offer the other pace in one click. Named
        // after the mail in hand: a daily digest (an instant subscriber's too) offers a week, a weekly one or an alert a day.
        DigestFrequency other = kind == DigestKind.Daily ? DigestFrequency.Weekly : DigestFrequency.Daily;

        return new DigestView(
            subscriber.Email,
            text.Date(date),
            heading,
            [.. items.Select((item, i) => Paper(subscriber, item, i + 1, zone, abstractLength))],
            links.Unsubscribe(subscriber),
            links.Preferences(subscriber),
            // Named after the mail, not the setting: an instant subscriber's leftover papers come as a daily digest.
            text.Format(
                kind == DigestKind.Alert ? "why_you_get_this_alert" : "why_you_get_this",
                ("frequency", text[kind == DigestKind.Weekly ? "frequency_weekly" : "frequency_daily"]),
                ("email", subscriber.Email),
                ("keywords", string.Join(", ", subscriber.Keywords))),
            web.Value.SenderLine)
        {
            Kind = kind,
            SwitchFrequencyUrl = links.SwitchFrequency(subscriber, other),
            SwitchFrequencyLabel = text[other == DigestFrequency.Weekly ? "switch_to_weekly" : "switch_to_daily"],
            Subject = text.Format("subject", ("heading", heading), ("date", date.ToString(text["subject_date_format"], text.Culture))),
            Preheader = items.Count == 0
                ? heading
                : text.Format("preheader", ("heading", heading), ("title", DigestViewFactory.Trim(items[0].Paper.Title, 90))),
        };
    }

    private DigestPaperView Paper(Subscriber subscriber, Recommendation item, int rank, TimeZoneInfo zone, int abstractLength)
    {
        TemplateText text = templates.Text;
        string published = item.Paper.PublishedAt is { } at ? text.ShortDate(LocalDate(at, zone)) : "";
        string meta = string.Join(" · ", new[] { DigestViewFactory.Venue(item.Paper), published }.Where(s => s.Length > 0));
        return new DigestPaperView(
            rank,
            DigestViewFactory.Trim(item.Paper.Title, DigestViewFactory.MaxTitleLength),
            DigestViewFactory.PaperUrl(item.Paper),
            DigestViewFactory.Authors(item.Paper.Authors),
            DigestViewFactory.Trim(string.IsNullOrWhiteSpace(item.Paper.AiSummary) ? item.Paper.Abstract : item.Paper.AiSummary, abstractLength),
            Why(text, item),
            item.Paper.Upvotes > 0 ? item.Paper.Upvotes : null)
        {
            IsSummary = !string.IsNullOrWhiteSpace(item.Paper.AiSummary),
            Links = new PaperLinks(
                links.MoreLikeThis(subscriber, item.Paper.Id),
                links.LessLikeThis(subscriber, item.Paper.Id),
                [.. item.MatchedKeywords.Select(k => new KeywordLink(k, links.MuteKeyword(subscriber, k)))]),
            Meta = meta,
            Interest = item.MatchedKeywords.Count > 0 ? item.MatchedKeywords[0] : "",
        };
    }

    /// <summary>Every true reason the recommender had: matched keywords, a liked paper it resembles, popularity.</summary>
    private static string Why(TemplateText text, Recommendation item)
    {
        var parts = new List<string>(3);
        if (item.MatchedKeywords.Count > 0)
        {
            parts.Add(text.Format("why", ("keywords", string.Join(", ", item.MatchedKeywords))));
        }

        if (item.SimilarTo is { } liked)
        {
            parts.Add(text.Format("why_similar", ("title", liked.Title)));
        }

        if (item.TrendingUpvotes is { } upvotes)
        {
            parts.Add(text.Plural("why_trending", upvotes));
        }

        return string.Join(" · ", parts);
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
