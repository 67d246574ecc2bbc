using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// How much a paper is trending, in [0, 1): upvotes on a log scale (u / (u + 50) after log1p, so 50 upvotes
/// give half), halved every <see cref="RankingOptions.TrendingHalfLifeHours"/> after publication. A paper with
/// no signal (no upvotes) scores 0 and ranks by relevance alone.
/// </summary>
public static class Popularity
{
    private static readonly double HalfPoint = Math.Log(1 + 50);

    public static double Score(Paper paper, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(options);
        if (paper.Upvotes is not > 0)
        {
            return 0;
        }

        double votes = Math.Log(1 + paper.Upvotes.Value);
        double score = votes / (votes + HalfPoint);
        if (options.Now is { } now && paper.PublishedAt is { } published && now > published)
        {
            score *= Math.Pow(0.5, (now - published).TotalHours / options.TrendingHalfLifeHours);
        }

        return score;
    }
}
