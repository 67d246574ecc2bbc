using System.ComponentModel.DataAnnotations;

namespace Paperboy.Recommender;

public sealed class RecommenderOptions
{
    public const string Section = "Recommender";

    /// <summary>The most papers one digest carries.</summary>
    [Range(1, 100)]
    public int PapersPerDigest { get; set; } = 10;

    /// <summary>A paper scoring below this is never sent; a digest with no paper above it is not sent at all.</summary>
    [Range(0.0, 1000.0)]
    public double MinScore { get; set; } = 2.0;

    /// <summary>How many times a title term counts against an abstract term.</summary>
    [Range(1.0, 10.0)]
    public double TitleWeight { get; set; } = 2.0;

    /// <summary>The relevance (1.0 = just worth sending) a paper needs for an instant alert rather than the digest.</summary>
    [Range(1.0, 100.0)]
    public double AlertRelevance { get; set; } = 2.0;

    /// <summary>The popularity history over which a paper's velocity (upvotes gained per day) is measured.</summary>
    [Range(1, 24 * 30)]
    public int TrendingWindowHours { get; set; } = 72;

    /// <summary>Whether a recommended paper is relevant enough to alert its subscriber at once.</summary>
    public bool IsAlert(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return recommendation.Relevance >= AlertRelevance;
    }

    /// <summary>The ranker's settings for a run at <paramref name="now"/>.</summary>
    public RankingOptions ToRankingOptions(DateTimeOffset now) => new()
    {
        Count = PapersPerDigest,
        KeywordScoreUnit = MinScore,
        Now = now,
    };
}
