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
        // Ranking a day for many subscribers: buffers are reused per thread, and what depends only on the
        // papers (keyword matches, paper-to-paper similarities) is computed once in the index.
        RankingWorkspace workspace = RankingWorkspace.For(index);
        bool[] banned = workspace.Banned;
        if (profile.ExcludedPaperIds.Count > 0)
        {
            foreach (long id in profile.ExcludedPaperIds)
            {
                if (index.DocumentOf(id) is { } doc)
                {
                    banned[doc] = true;
                }
            }
        }

        // Liked and disliked papers are never recommended either.
        List<int> liked = workspace.Liked;
        List<int> disliked = workspace.Disliked;
        workspace.Documents(index, profile.Liked, liked);
        workspace.Documents(index, profile.Disliked, disliked);
        foreach (int doc in liked)
        {
            banned[doc] = true;
        }

        foreach (int doc in disliked)
        {
            banned[doc] = true;
        }

        List<CompiledKeyword> keywords = workspace.Keywords;
        foreach (string keywordText in profile.Keywords)
        {
            CompiledKeyword keyword = index.Keyword(keywordText);
            if (keyword.Query is not null && !HasKey(keywords, keyword.Key))
            {
                keywords.Add(keyword);
            }
        }

        float[] keywordScores = workspace.KeywordScores;
        for (int k = 0; k < keywords.Count; k++)
        {
            (KeywordQuery? query, _, int[] documents, float[] scores) = keywords[k];
            for (int i = 0; i < documents.Length; i++)
            {
                if (query!.IsNegative)
                {
                    banned[documents[i]] = true;
                    continue;
                }

                keywordScores[documents[i]] += scores[i];
                workspace.AddMatch(documents[i], k);
            }
        }

        float[]? text = null;
        float[]? embedding = null;
        if (liked.Count > 0 || disliked.Count > 0)
        {
            text = workspace.TextScores;
            ProfileSignals.TextScores(index, workspace, liked, disliked, options.DislikeWeight, [], 0, text);
            embedding = EmbeddingSignal.Scores(index, [.. liked], [.. disliked], text, banned, options);
        }

        float[] relevance = workspace.Relevance;
        SignalFusion.Fuse(relevance, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
            (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        if (options.FeedbackCount > 0 && liked.Count > 0)
        {
            // Pseudo-relevance feedback: the best first-pass papers join the liked ones, at a lower weight.
            int[] feedback = [.. Enumerable.Range(0, n).Where(d => !banned[d]).OrderByDescending(d => relevance[d]).Take(options.FeedbackCount)];
            ProfileSignals.TextScores(index, workspace, liked, disliked, options.DislikeWeight, feedback, options.FeedbackWeight, text!);
            embedding = EmbeddingSignal.Scores(index, [.. liked], [.. disliked], text!, banned, options, feedback);

            SignalFusion.Fuse(relevance, banned, (keywords.Count > 0 ? keywordScores : null, options.KeywordWeight),
                (text, options.TextWeight), (embedding, options.EmbeddingWeight));
        }

        // The best few candidates by relevance (no sort of the whole catalog).
        CandidatePool pool = workspace.Pool;
        pool.Reset(Math.Max(options.Count * 3, 30));
        int[] matchHead = workspace.MatchHead;
        for (int doc = 0; doc < n; doc++)
        {
            if (!banned[doc] && (liked.Count > 0 || matchHead[doc] != 0))
            {
                pool.Offer(doc, relevance[doc]);
            }
        }

        var scored = new List<Recommendation>(pool.Count);
        // Popularity moves a paper by at most TrendingWeight standard deviations of the candidates' relevance
        // (a tenth of the best score when they are all equal), so it reorders near-ties, not relevance.
        double spread = PoolStandardDeviation(pool);
        if (spread == 0 && pool.Count > 0)
        {
            spread = 0.1 * Math.Abs(pool.Score(0));
        }

        for (int i = 0; i < pool.Count; i++)
        {
            int doc = pool.Document(i);
            Paper paper = index.Papers[doc];
            // Absolute relevance, comparable across subscribers: the keyword score or the similarity to the
            // closest liked paper, each in units of its threshold.
            double keywordScore = keywordScores[doc];
            (int closest, double similarityUnits) = EmbeddingSignal.Closest(index, doc, liked, options);
            double absolute = Math.Max(keywordScore / options.KeywordScoreUnit, similarityUnits);
            if (absolute < options.MinRelevance)
            {
                continue;
            }

            double popularity = Popularity.Score(paper, options);
            string[] matched = workspace.Matched(doc);
            scored.Add(new Recommendation(paper, pool.Score(i) + (options.TrendingWeight * spread * popularity), matched)
            {
                Relevance = absolute,
                KeywordScore = keywordScore,
                SimilarTo = matched.Length == 0 && closest >= 0 ? index.Papers[closest] : null,
                TrendingUpvotes = popularity > 0 && paper.Upvotes >= options.TrendingUpvotesToMention ? paper.Upvotes : null,
            });
        }

        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Paper.Id.CompareTo(b.Paper.Id));
        return Diversifier.Select(index, scored, options);
    }

    /// <summary>Whether a keyword with this key is already in the list (two spellings of one keyword count once).</summary>
    private static bool HasKey(List<CompiledKeyword> keywords, string key)
    {
        foreach (CompiledKeyword keyword in keywords)
        {
            if (string.Equals(keyword.Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static double PoolStandardDeviation(CandidatePool pool)
    {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < pool.Count; i++)
        {
            double v = pool.Score(i);
            sum += v;
            squares += v * v;
        }

        if (pool.Count < 2)
        {
            return 0;
        }

        double mean = sum / pool.Count;
        return Math.Sqrt(Math.Max(0, (squares / pool.Count) - (mean * mean)));
    }
}
