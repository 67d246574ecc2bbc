using System.Numerics.Tensors;
using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// Ranks an index's papers for one profile. Signals, each z-scored over the candidates and added with its
/// weight: BM25F keyword score; tf-idf cosine to the Rocchio centroid of liked minus disliked papers; the
/// same with sentence embeddings when the index has them. Popularity then breaks near-ties among relevant
/// papers, and MMR picks a varied digest from the best candidates. Pure: no I/O, no clock.
/// </summary>
public static class PaperRanker
{
    public static IReadOnlyList<Recommendation> Rank(PaperIndex index, InterestProfile profile, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        int n = index.Count;
        var banned = new bool[n];
        foreach (long id in profile.ExcludedPaperIds.Concat(profile.Liked).Concat(profile.Disliked))
        {
            if (index.DocumentOf(id) is { } doc)
            {
                banned[doc] = true;
            }
        }

        List<KeywordQuery> keywords = ParseKeywords(profile.Keywords);
        var keywordScores = new float[n];
        var matches = new Dictionary<int, List<int>>();
        KeywordScorer.Score(index, keywords, keywordScores, banned, matches);

        int[] liked = Documents(index, profile.Liked);
        int[] disliked = Documents(index, profile.Disliked);
        float[]? text = null;
        float[]? embedding = null;
        if (liked.Length > 0 || disliked.Length > 0)
        {
            text = ProfileSignals.TextScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight);
            if (index.HasEmbeddings)
            {
                embedding = ProfileSignals.EmbeddingScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight);
            }
        }

        float[] relevance = Fuse(n, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
            (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        if (options.FeedbackCount > 0 && liked.Length > 0)
        {
            // Pseudo-relevance feedback: the best first-pass papers join the liked ones, at a lower weight.
            int[] feedback = [.. Enumerable.Range(0, n).Where(d => !banned[d]).OrderByDescending(d => relevance[d]).Take(options.FeedbackCount)];
            text = ProfileSignals.TextScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight, feedback, options.FeedbackWeight);
            if (index.HasEmbeddings)
            {
                embedding = ProfileSignals.EmbeddingScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight, feedback, options.FeedbackWeight);
            }

            relevance = Fuse(n, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
                (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        }

        // Absolute relevance, comparable across subscribers: the keyword score or the similarity to the closest
        // liked paper, each in units of its threshold.
        var candidates = new List<Candidate>();
        for (int doc = 0; doc < n; doc++)
        {
            if (banned[doc])
            {
                continue;
            }

            bool keywordHit = matches.ContainsKey(doc);
            if (!keywordHit && liked.Length == 0)
            {
                continue;
            }

            candidates.Add(new Candidate(doc, relevance[doc]));
        }

        List<Candidate> pool = TopCandidates(candidates, Math.Max(options.Count * 5, 50));
        var scored = new List<Recommendation>(pool.Count);
        // Popularity moves a paper by at most TrendingWeight standard deviations of the candidates' relevance
        // (a tenth of the best score when they are all equal), so it reorders near-ties, not relevance.
        double spread = StandardDeviation(pool.Select(c => (double)c.Score));
        if (spread == 0 && pool.Count > 0)
        {
            spread = 0.1 * Math.Abs(pool[0].Score);
        }

        foreach (Candidate candidate in pool)
        {
            Paper paper = index.Papers[candidate.Document];
            double keywordScore = keywordScores[candidate.Document];
            (int closest, double similarity) = ProfileSignals.Closest(index, candidate.Document, liked);
            double similarityUnit = index.HasEmbeddings ? options.SimilarityUnit : options.TextSimilarityUnit;
            double absolute = Math.Max(keywordScore / options.KeywordScoreUnit, similarity / similarityUnit);
            if (absolute < options.MinRelevance)
            {
                continue;
            }

            double popularity = Popularity.Score(paper, options);
            IReadOnlyList<string> matched = matches.TryGetValue(candidate.Document, out List<int>? ks)
                ? [.. ks.Select(k => keywords[k].Text)]
                : [];
            scored.Add(new Recommendation(paper, candidate.Score + (options.TrendingWeight * spread * popularity), matched)
            {
                Relevance = absolute,
                KeywordScore = keywordScore,
                SimilarTo = matched.Count == 0 && closest >= 0 ? index.Papers[closest] : null,
                TrendingUpvotes = popularity > 0 ? paper.Upvotes : null,
            });
        }

        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Paper.Id.CompareTo(b.Paper.Id));
        return Diversifier.Select(index, scored, options);
    }

    private static List<KeywordQuery> ParseKeywords(IReadOnlyList<string> keywords)
    {
        var parsed = new List<KeywordQuery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string keyword in keywords)
        {
            if (KeywordQuery.Parse(keyword) is { } query
                && seen.Add($"{query.IsNegative}|{query.IsPhrase}|{string.Join(' ', query.Terms)}"))
            {
                parsed.Add(query);
            }
        }

        return parsed;
    }

    private static int[] Documents(PaperIndex index, IReadOnlyList<long> ids) =>
        [.. ids.Select(index.DocumentOf).OfType<int>().Distinct()];

    private static float[] Fuse(int n, bool[] banned, params (float[]? Scores, double Weight)[] signals)
    {
        var fused = new float[n];
        int present = signals.Count(s => s.Scores is not null);
        foreach ((float[]? scores, double weight) in signals)
        {
            if (scores is null)
            {
                continue;
            }

            if (present == 1)
            {
                // One signal: keep its own units (keyword scores stay additive and readable).
                TensorPrimitives.Add(fused, scores, fused);
                continue;
            }

            IEnumerable<double> pool = Enumerable.Range(0, n).Where(d => !banned[d]).Select(d => (double)scores[d]);
            double mean = pool.DefaultIfEmpty().Average();
            double sd = StandardDeviation(pool);
            float scale = sd > 0 ? (float)(weight / sd) : 0;
            for (int d = 0; d < n; d++)
            {
                fused[d] += (float)(scores[d] - mean) * scale;
            }
        }

        return fused;
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        double sum = 0;
        double squares = 0;
        int count = 0;
        foreach (double v in values)
        {
            sum += v;
            squares += v * v;
            count++;
        }

        if (count < 2)
        {
            return 0;
        }

        double mean = sum / count;
        return Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
    }

    private static List<Candidate> TopCandidates(List<Candidate> candidates, int count)
    {
        candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Document.CompareTo(b.Document));
        return candidates.Count <= count ? candidates : candidates.GetRange(0, count);
    }

    private readonly record struct Candidate(int Document, float Score);
}
