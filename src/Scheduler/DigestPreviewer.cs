using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

/// <summary>
/// Renders the digest a subscriber would get if it were sent now, the way the planner would choose it, but
/// writes nothing: no digest row, no send log, no outbox message.
/// </summary>
public sealed class DigestPreviewer(
    PaperStore papers,
    SubscriberStore subscribers,
    DigestStore digests,
    DigestViewBuilder views,
    DigestRenderer renderer,
    IOptions<RecommenderOptions> recommender,
    TimeProvider time)
{
    /// <summary>The rendered digest, or null when no new paper passes the subscriber's relevance floor.</summary>
    public async Task<RenderedDigest?> PreviewAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        Subscriber subscriber = await subscribers.FindByEmailAsync(email, cancellationToken)
            ?? throw new PaperboyException($"no subscriber with the address {email}");
        var index = new Bm25Index(await papers.ListAsync(cancellationToken), recommender.Value.TitleWeight);
        var profile = new InterestProfile(subscriber.Keywords, await digests.SentPaperIdsAsync(subscriber.Id, cancellationToken));
        IReadOnlyList<Recommendation> items = KeywordRecommender.Recommend(
            index, profile, subscriber.PapersPerDigest ?? recommender.Value.PapersPerDigest, recommender.Value.MinScore);
        return items.Count == 0 ? null : renderer.Render(views.Build(subscriber, items, time.GetUtcNow()));
    }
}
