using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Ranks the catalog for one subscriber exactly as a digest is chosen: their keywords, liked and disliked
/// papers, minus everything already sent, at their digest size. Shared by planning and preview.
/// </summary>
public sealed class SubscriberRanking(PaperStore papers, DigestStore digests, IOptions<RecommenderOptions> recommender)
{
    public async Task<PaperIndex> IndexAsync(CancellationToken cancellationToken) =>
        new(await papers.ListAsync(cancellationToken), recommender.Value.TitleWeight);

    public async Task<IReadOnlyList<Recommendation>> RankAsync(PaperIndex index, Subscriber subscriber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        (List<long> liked, List<long> disliked) = await digests.OpinionsAsync(subscriber.Id, cancellationToken);
        var profile = new InterestProfile(subscriber.Keywords, await digests.SentPaperIdsAsync(subscriber.Id, cancellationToken))
        {
            Liked = liked,
            Disliked = disliked,
        };
        RankingOptions ranking = recommender.Value.ToRankingOptions(now) with { Count = subscriber.PapersPerDigest ?? recommender.Value.PapersPerDigest };
        return PaperRanker.Rank(index, profile, ranking);
    }
}
