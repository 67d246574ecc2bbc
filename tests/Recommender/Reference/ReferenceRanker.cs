using System.Numerics.Tensors;
using Paperboy.Papers;
using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender.Reference;

/// <summary>
/// The ranker as it was before it was optimised for scale (commit 9ffb259), kept verbatim so tests can check
/// that the production <see cref="PaperRanker"/> returns exactly the same digests.
/// Ranks an index's papers for one profile. Signals, each z-scored over the candidates and added with its
/// weight: BM25F keyword score; tf-idf cosine to the Rocchio centroid of liked minus disliked papers; the
/// same with sentence embeddings when the index has them. Popularity then breaks near-ties among relevant
/// papers, and MMR picks a varied digest from the best candidates. Pure: no I/O, no clock.
/// </summary>
internal static class ReferenceRanker
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
        ReferenceKeywordScorer.Score(index, keywords, keywordScores, banned, matches);

        int[] liked = Documents(index, profile.Liked);
        int[] disliked = Documents(index, profile.Disliked);
        float[]? text = null;
        float[]? embedding = null;
        if (liked.Length > 0 || disliked.Length > 0)
        {
            text = ReferenceProfileSignals.TextScores(index, liked, disliked, options.DislikeWeight);
            if (index.HasEmbeddings)
            {
                embedding = ReferenceProfileSignals.EmbeddingScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight);
            }
        }

        float[] relevance = Fuse(n, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
            (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        if (options.FeedbackCount > 0 && liked.Length > 0)
        {
            // Pseudo-relevance feedback: the best first-pass papers join the liked ones, at a lower weight.
            int[] feedback = [.. Enumerable.Range(0, n).Where(d => !banned[d]).OrderByDescending(d => relevance[d]).Take(options.FeedbackCount)];
            text = ReferenceProfileSignals.TextScores(index, liked, disliked, options.DislikeWeight, feedback, options.FeedbackWeight);
            if (index.HasEmbeddings)
            {
                embedding = ReferenceProfileSignals.EmbeddingScores(index, liked, disliked, options.DislikeWeight, options.MaxSimilarityWeight, feedback, options.FeedbackWeight);
            }

            relevance = Fuse(n, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
                (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        }

        // The best few candidates by relevance (a bounded min-heap: no sort of the whole catalog).
        int poolSize = Math.Max(options.Count * 3, 30);
        var heap = new PriorityQueue<int, (float Score, int Negated)>(poolSize + 1, PoolOrder.Instance);
        for (int doc = 0; doc < n; doc++)
        {
            if (banned[doc] || (liked.Length == 0 && !matches.ContainsKey(doc)))
            {
                continue;
            }

            // Most papers are worse than the worst one kept: one comparison, no heap operation.
            if (heap.Count == poolSize && heap.TryPeek(out _, out (float Score, int Negated) worst) && relevance[doc] <= worst.Score)
            {
                continue;
            }

            heap.Enqueue(doc, (relevance[doc], -doc));
            if (heap.Count > poolSize)
            {
                heap.Dequeue();
            }
        }

        var pool = new List<Candidate>(heap.Count);
        while (heap.TryDequeue(out int doc, out _))
        {
            pool.Add(new Candidate(doc, relevance[doc]));
        }

        pool.Reverse();
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
            // Absolute relevance, comparable across subscribers: the keyword score or the similarity to the
            // closest liked paper, each in units of its threshold.
            double keywordScore = keywordScores[candidate.Document];
            (int closest, double similarity) = ReferenceProfileSignals.Closest(index, candidate.Document, liked);
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
                TrendingUpvotes = popularity > 0 && paper.Upvotes >= options.TrendingUpvotesToMention ? paper.Upvotes : null,
            });
        }

        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Paper.Id.CompareTo(b.Paper.Id));
        return ReferenceDiversifier.Select(index, scored, options);
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

            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int d = 0; d < n; d++)
            {
                if (!banned[d])
                {
                    sum += scores[d];
                    squares += (double)scores[d] * scores[d];
                    count++;
                }
            }

            double mean = count == 0 ? 0 : sum / count;
            double sd = count < 2 ? 0 : Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
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

    private sealed class PoolOrder : IComparer<(float Score, int Negated)>
    {
        public static readonly PoolOrder Instance = new();

        public int Compare((float Score, int Negated) x, (float Score, int Negated) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : x.Negated.CompareTo(y.Negated);
    }

    private readonly record struct Candidate(int Document, float Score);
}
