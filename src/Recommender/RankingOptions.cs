namespace Paperboy.Recommender;

/// <summary>How the ranker weighs and filters; the defaults are the ones measured in the README's Evaluation.</summary>
public sealed record RankingOptions
{
    /// <summary>How many papers to return.</summary>
    public int Count { get; init; } = 10;

    /// <summary>
    /// Papers whose relevance (1.0 = just relevant, see <see cref="Recommendation.Relevance"/>) is below this are
    /// never returned. 0 returns the best <see cref="Count"/> whatever they are (offline evaluation).
    /// </summary>
    public double MinRelevance { get; init; } = 1.0;

    /// <summary>The BM25F keyword score that counts as relevance 1.0.</summary>
    public double KeywordScoreUnit { get; init; } = 2.0;

    /// <summary>The embedding cosine to the closest liked paper that counts as relevance 1.0.</summary>
    public double SimilarityUnit { get; init; } = 0.35;

    /// <summary>The tf-idf cosine to the closest liked paper that counts as relevance 1.0 (when there are no embeddings).</summary>
    public double TextSimilarityUnit { get; init; } = 0.1;

    /// <summary>Fusion weights of the z-scored signals (keywords, tf-idf similarity, embedding similarity).</summary>
    public double KeywordWeight { get; init; } = 1.0;

    public double TextWeight { get; init; } = 1.0;

    /// <summary>Measured on citeulike-a (README, Evaluation): embeddings carry most of the signal from liked papers.</summary>
    public double EmbeddingWeight { get; init; } = 6.0;

    /// <summary>
    /// Weight of the embedding similarity to the closest liked paper, added to the similarity to their centroid
    /// (a reader's library has several topics; the centroid alone blurs them). Not used for tf-idf, where it lost recall.
    /// </summary>
    public double MaxSimilarityWeight { get; init; } = 0.2;

    /// <summary>Pseudo-relevance feedback: how many first-pass papers join the liked ones (0 = none).</summary>
    public int FeedbackCount { get; init; }

    /// <summary>The weight of the feedback papers' centroid against the liked papers' (1).</summary>
    public double FeedbackWeight { get; init; } = 0.5;

    /// <summary>How strongly disliked papers pull the profile away (Rocchio's gamma against liked papers' 1).</summary>
    public double DislikeWeight { get; init; } = 0.5;

    /// <summary>MMR trade-off: 1 ranks by relevance only; lower values prefer papers unlike those already chosen.</summary>
    public double Diversity { get; init; } = 0.9;

    /// <summary>Whether each liked paper counts as an interest to represent (each keyword always does).</summary>
    public bool CoverLikedPapers { get; init; }

    /// <summary>Two papers at least this similar are near-duplicates: a digest never carries both.</summary>
    public double DuplicateSimilarity { get; init; } = 0.9;

    /// <summary>The most a paper's popularity can add, in standard deviations of the candidates' relevance.</summary>
    public double TrendingWeight { get; init; } = 0.25;

    /// <summary>How many days of a paper's current upvote pace (<c>Paper.UpvotesPerDay</c>) count towards its engagement.</summary>
    public double VelocityDays { get; init; } = 1.0;

    /// <summary>
    /// The fewest upvotes for "Trending: N upvotes" in a paper's reasons: a paper with a handful still gets its
    /// small popularity bonus, but calling two votes "trending" would not be true.
    /// </summary>
    public int TrendingUpvotesToMention { get; init; } = 10;

    /// <summary>Popularity halves every this many hours after publication.</summary>
    public double TrendingHalfLifeHours { get; init; } = 48;

    /// <summary>The time against which freshness is measured (the caller's clock; the ranker has none).</summary>
    public DateTimeOffset? Now { get; init; }
}
