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

    /// <summary>The subscriber's ranking; with <paramref name="onlyAmong"/>, only those papers are candidates (the ones just ingested, for alerts).</summary>
    public async Task<IReadOnlyList<Recommendation>> RankAsync(
        PaperIndex index, Subscriber subscriber, DateTimeOffset now, CancellationToken cancellationToken, IReadOnlySet<long>? onlyAmong = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(subscriber);
        (List<long> liked, List<long> disliked) = await digests.OpinionsAsync(subscriber.Id, cancellationToken);
        HashSet<long> excluded = await digests.SentPaperIdsAsync(subscriber.Id, cancellationToken);
        if (onlyAmong is not null)
        {
            excluded.UnionWith(index.Papers.Select(p => p.Id).Where(id => !onlyAmong.Contains(id)));
        }

        var profile = new InterestProfile(subscriber.Keywords, excluded)
        {
            Liked = liked,
            Disliked = disliked,
        };
        RankingOptions ranking = recommender.Value.ToRankingOptions(now) with { Count = subscriber.PapersPerDigest ?? recommender.Value.PapersPerDigest };
        return PaperRanker.Rank(index, profile, ranking);
    }
}
