using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

/// <summary>Turns a subscriber's recommendations into a digest ready to store: view, rendering, links and message.</summary>
public sealed class DigestComposer(DigestRenderer renderer, LinkBuilder links, IOptions<MailOptions> mail, IOptions<WebOptions> web)
{
    public NewDigest Compose(Subscriber subscriber, string period, IReadOnlyList<Recommendation> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(items);
        DateOnly date = DigestSchedule.LocalDate(subscriber, now);
        string heading = items.Count == 1 ? "1 paper for you" : $"{items.Count} papers for you";
        string frequency = subscriber.Frequency.ToString().ToLowerInvariant();

        var view = new DigestView(
            subscriber.Email,
            DigestViewFactory.DateLabel(date),
            heading,
            [
                .. items.Select((item, i) => new DigestPaperView(
                    i + 1,
                    item.Paper.Title,
                    DigestViewFactory.PaperUrl(item.Paper),
                    DigestViewFactory.Authors(item.Paper.Authors),
                    DigestViewFactory.Trim(item.Paper.Abstract),
                    item.Reason,
                    item.Paper.Upvotes)
                {
                    Links = new PaperLinks(
                        links.MoreLikeThis(subscriber, item.Paper.Id),
                        links.LessLikeThis(subscriber, item.Paper.Id),
                        [.. item.MatchedKeywords.Select(k => new KeywordLink(k, links.MuteKeyword(subscriber, k)))]),
                }),
            ],
            links.Unsubscribe(subscriber),
            links.Preferences(subscriber),
            $"You get this {frequency} digest because {subscriber.Email} subscribed to Paperboy for: {string.Join(", ", subscriber.Keywords)}.",
            web.Value.SenderLine);

        RenderedDigest body = renderer.Render(view);
        string subject = $"{heading} · {date.ToString("ddd d MMM", CultureInfo.InvariantCulture)}";
        OutgoingMessage message = DigestMessageBuilder.Build(
            mail.Value.FromAddress, subscriber.Email, subject, period, subscriber.Id, body, view.UnsubscribeUrl, now);
        return new NewDigest(subscriber.Id, period, items, message);
    }
}
