using Microsoft.Extensions.Options;
using Paperboy.Embeddings;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Ranks the catalog for one subscriber exactly as a digest is chosen: their keywords, liked and disliked
/// papers, minus everything already sent, at their digest size. Shared by planning, preview and alerts. The
/// index carries the stored embeddings (recent papers and every liked or disliked one) and each paper's
/// upvote velocity; papers without a vector are ranked lexically.
/// </summary>
public sealed class SubscriberRanking(
    PaperStore papers,
    DigestStore digests,
    PaperEmbeddingStore embeddings,
    PopularityHistory popularity,
    IOptions<RecommenderOptions> recommender,
    IOptions<EmbeddingsOptions> embeddingOptions,
    TimeProvider time)
{
    /// <summary>How many of the newest papers an alert's index holds besides the new ones, for term statistics.</summary>
    public const int AlertReferencePapers = 1000;

    public async Task<PaperIndex> IndexAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<Paper> catalog = await papers.ListAsync(cancellationToken);
        Dictionary<long, float[]> vectors = await embeddings.LoadForRankingAsync(
            MiniLmEmbedder.ModelName, now.AddDays(-embeddingOptions.Value.RankingDays), cancellationToken);
        return await BuildAsync(catalog, vectors, now, cancellationToken);
    }

    /// <summary>
    /// The index an instant-alert check needs, without reading the whole catalog: the new papers, the liked
    /// and disliked papers of <paramref name="subscribers"/>, and the newest <see cref="AlertReferencePapers"/>
    /// papers, whose term statistics stand in for the catalog's (a batch of three papers alone would make every
    /// term look common).
    /// </summary>
    public async Task<PaperIndex> AlertIndexAsync(IReadOnlyCollection<long> newPaperIds, IEnumerable<Subscriber> subscribers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var ids = new HashSet<long>(newPaperIds);
        Dictionary<long, SubscriberHistory> histories = await digests.HistoriesAsync([.. subscribers.Select(s => s.Id)], cancellationToken);
        foreach (SubscriberHistory history in histories.Values)
        {
            ids.UnionWith(history.Liked);
            ids.UnionWith(history.Disliked);
        }

        IReadOnlyList<Paper> chosen = await papers.ListLatestAndAsync(AlertReferencePapers, ids, cancellationToken);
        Dictionary<long, float[]> vectors = await embeddings.LoadAsync(MiniLmEmbedder.ModelName, [.. chosen.Select(p => p.Id)], cancellationToken);
        return await BuildAsync(chosen, vectors, time.GetUtcNow(), cancellationToken);
    }

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
            // Excluded, not filtered out of the result: excluded papers also leave the signals' z-scores and the
            // top-N cut, so ranking everything and keeping the new ones would drop new papers that old ones outrank.
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

    private async Task<PaperIndex> BuildAsync(IReadOnlyList<Paper> catalog, Dictionary<long, float[]> vectors, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<long, double> velocity = await popularity.UpvotesPerDayAsync(
            now.AddHours(-recommender.Value.TrendingWindowHours), now, cancellationToken);
        IReadOnlyList<Paper> ranked = velocity.Count == 0
            ? catalog
            : [.. catalog.Select(p => velocity.TryGetValue(p.Id, out double v) ? p with { UpvotesPerDay = v } : p)];
        float[]?[]? aligned = vectors.Count == 0 ? null : [.. catalog.Select(p => vectors.GetValueOrDefault(p.Id))];
        return new PaperIndex(ranked, recommender.Value.TitleWeight, aligned);
    }
}
