using Microsoft.Extensions.Options;
using Paperboy.Inbound;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

/// <summary>Turns a subscriber's recommendations into a digest ready to store: view, rendering, links and message.</summary>
public sealed class DigestComposer(
    DigestViewBuilder views, DigestRenderer renderer, MessageSealer sealer, UnsubscribeMailto mailto, IOptions<MailOptions> mail)
{
    public NewDigest Compose(Subscriber subscriber, string period, IReadOnlyList<Recommendation> items, DateTimeOffset now, DigestKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(items);
        DigestView view = views.Build(subscriber, items, now, kind);
        RenderedDigest body = renderer.Render(view);
        OutgoingMessage message = sealer.Seal(
            DigestMessageBuilder.Build(mail.Value.FromAddress, subscriber.Email, view.Subject, period, subscriber.Id, view.UnsubscribeUrl, mailto.For(subscriber), now),
            body.Text,
            body.Html);

        // Papers left out to keep the email under the size limit were not sent, so they stay for the next digest.
        return new NewDigest(subscriber.Id, period, [.. items.Take(body.PaperCount)], message);
    }
}
