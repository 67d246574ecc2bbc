using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender.Reference;

/// <summary>
/// Maximal marginal relevance: picks, one at a time, the paper with the best trade-off between its own score
/// and its similarity to papers already picked, never two near-duplicates. Before that, each interest (a
/// keyword; optionally a liked paper) gets its best paper, in up to half the digest, so a subscriber with
/// several interests sees each of them.
/// </summary>
internal static class ReferenceDiversifier
{
    public static IReadOnlyList<Recommendation> Select(PaperIndex index, List<Recommendation> ranked, RankingOptions options)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        double top = ranked[0].Score;
        double bottom = ranked[^1].Score;
        double range = top > bottom ? top - bottom : 1;
        int[] docs = [.. ranked.Select(r => index.DocumentOf(r.Paper.Id) ?? -1)];
        var selected = new List<int>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var taken = new bool[ranked.Count];
        double lambda = Math.Clamp(options.Diversity, 0, 1);
        // Each candidate's similarity to the closest paper picked so far, updated as papers are picked.
        var nearest = new double[ranked.Count];
        if (lambda < 1)
        {
            // Each interest first: the best paper of every keyword (and, when asked, every liked paper), best
            // interests first, in at most half the digest; MMR fills the rest.
            foreach (int i in Enumerable.Range(0, ranked.Count).Where(i => !taken[i]).ToList())
            {
                if (selected.Count >= (options.Count + 1) / 2)
                {
                    break;
                }

                List<string> interests = [.. Interests(ranked[i], options.CoverLikedPapers)];
                if (interests.Count == 0 || interests.All(covered.Contains) || IsDuplicate(i))
                {
                    continue;
                }

                Pick(i);
                covered.UnionWith(interests);
            }
        }

        while (selected.Count < options.Count)
        {
            int best = -1;
            double bestValue = double.NegativeInfinity;
            for (int i = 0; i < ranked.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                double maxSimilarity = MaxSimilarity(i);
                if (maxSimilarity >= options.DuplicateSimilarity)
                {
                    taken[i] = true;
                    continue;
                }

                double value = (lambda * (ranked[i].Score - bottom) / range) - ((1 - lambda) * maxSimilarity);

                if (value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }

                if (lambda >= 1)
                {
                    break;
                }
            }

            if (best < 0)
            {
                break;
            }

            Pick(best);
        }

        // Best first, whatever order they were picked in.
        selected.Sort();
        return [.. selected.Select(i => ranked[i])];

        void Pick(int i)
        {
            taken[i] = true;
            selected.Add(i);
            for (int j = 0; j < ranked.Count; j++)
            {
                if (!taken[j])
                {
                    nearest[j] = Math.Max(nearest[j], ReferenceSimilarity.Of(index, docs[i], docs[j]));
                }
            }
        }

        double MaxSimilarity(int i) => nearest[i];

        bool IsDuplicate(int i) => MaxSimilarity(i) >= options.DuplicateSimilarity;
    }

    private static IEnumerable<string> Interests(Recommendation r, bool likedPapers) =>
        likedPapers && r.SimilarTo is { } liked
            ? [.. r.MatchedKeywords.Select(k => "k:" + k), "p:" + liked.Id]
            : r.MatchedKeywords.Select(k => "k:" + k);
}
