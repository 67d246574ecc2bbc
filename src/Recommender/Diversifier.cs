namespace Paperboy.Recommender;

/// <summary>
/// Maximal marginal relevance: picks, one at a time, the paper with the best trade-off between its own score
/// and its similarity to papers already picked, never two near-duplicates. A paper for an interest not yet
/// represented (a keyword not yet matched, or a liked paper not yet echoed) gets a lift of the same size as
/// the similarity penalty, so a subscriber with several interests sees each of them.
/// </summary>
internal static class Diversifier
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

                double maxSimilarity = 0;
                foreach (int j in selected)
                {
                    maxSimilarity = Math.Max(maxSimilarity, index.Similarity(docs[i], docs[j]));
                }

                if (maxSimilarity >= options.DuplicateSimilarity)
                {
                    taken[i] = true;
                    continue;
                }

                double value = (lambda * (ranked[i].Score - bottom) / range) - ((1 - lambda) * maxSimilarity);
                if (selected.Count > 0 && Interests(ranked[i]).Any(interest => !covered.Contains(interest)))
                {
                    value += (1 - lambda) * 0.5;
                }

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

            taken[best] = true;
            selected.Add(best);
            covered.UnionWith(Interests(ranked[best]));
        }

        return [.. selected.Select(i => ranked[i])];
    }

    private static IEnumerable<string> Interests(Recommendation r) =>
        r.SimilarTo is { } liked ? [.. r.MatchedKeywords.Select(k => "k:" + k), "p:" + liked.Id] : r.MatchedKeywords.Select(k => "k:" + k);
}
