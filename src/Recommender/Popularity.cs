using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// How much a paper is trending, in [0, 1): the feed's engagement e = upvotes + 2 × comments + GitHub stars / 10
/// (a discussion says more than a vote; stars are plentiful and gather over a repository's whole life), plus
/// its velocity, <see cref="RankingOptions.VelocityDays"/> × upvotes gained per day (a paper gathering votes
/// now counts the votes it is about to get), on a log scale (log1p(e) / (log1p(e) + log 51), so an engagement
/// of 50 gives half), halved every <see cref="RankingOptions.TrendingHalfLifeHours"/> after publication. A
/// paper with no signal scores 0 and ranks by relevance alone; one without history has no velocity term.
/// </summary>
public static class Popularity
{
    private static readonly double HalfPoint = Math.Log(1 + 50);

    public static double Score(Paper paper, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(options);
        double engagement = Engagement(paper) + (options.VelocityDays * Math.Max(0, paper.UpvotesPerDay ?? 0));
        if (engagement <= 0)
        {
            return 0;
        }

        double signal = Math.Log(1 + engagement);
        double score = signal / (signal + HalfPoint);
        if (options.Now is { } now && paper.PublishedAt is { } published && now > published)
        {
            score *= Math.Pow(0.5, (now - published).TotalHours / options.TrendingHalfLifeHours);
        }

        return score;
    }

    public static double Engagement(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return Math.Max(0, paper.Upvotes ?? 0) + (2.0 * Math.Max(0, paper.Comments ?? 0)) + (Math.Max(0, paper.GithubStars ?? 0) / 10.0);
    }
}
