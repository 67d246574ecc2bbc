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
        ArgumentNullException.ThrowIfNull(subscriber);
        Dictionary<long, SubscriberHistory> history = await digests.HistoriesAsync([subscriber.Id], cancellationToken);
        return Rank(index, subscriber, history[subscriber.Id], now, onlyAmong);
    }

    /// <summary>The same ranking from a history already read (planning reads a whole batch's at once). Pure and thread-safe.</summary>
    public IReadOnlyList<Recommendation> Rank(
        PaperIndex index, Subscriber subscriber, SubscriberHistory history, DateTimeOffset now, IReadOnlySet<long>? onlyAmong = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(history);
        IReadOnlySet<long> excluded = history.Sent;
        if (onlyAmong is not null)
        {
            excluded = new HashSet<long>(history.Sent.Concat(index.Papers.Select(p => p.Id).Where(id => !onlyAmong.Contains(id))));
        }

        var profile = new InterestProfile(subscriber.Keywords, excluded)
        {
            Liked = history.Liked,
            Disliked = history.Disliked,
        };
        RankingOptions ranking = recommender.Value.ToRankingOptions(now) with { Count = subscriber.PapersPerDigest ?? recommender.Value.PapersPerDigest };
        return PaperRanker.Rank(index, profile, ranking);
    }
}
