using Paperboy.Hosting;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

/// <summary>
/// Renders the digest a subscriber would get if it were sent now, the way the planner would choose it, but
/// writes nothing: no digest row, no send log, no outbox message.
/// </summary>
public sealed class DigestPreviewer(
    SubscriberStore subscribers,
    SubscriberRanking ranking,
    DigestViewBuilder views,
    DigestRenderer renderer,
    TimeProvider time)
{
    /// <summary>The rendered digest, or null when no new paper passes the subscriber's relevance floor.</summary>
    public async Task<RenderedDigest?> PreviewAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        Subscriber subscriber = await subscribers.FindByEmailAsync(email, cancellationToken)
            ?? throw new PaperboyException($"no subscriber with the address {email}");
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<Recommendation> items = await ranking.RankAsync(await ranking.IndexAsync(cancellationToken), subscriber, now, cancellationToken);
        return items.Count == 0 ? null : renderer.Render(views.Build(subscriber, items, now));
    }
}
