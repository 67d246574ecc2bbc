namespace Paperboy.Recommender;

/// <summary>
/// The embedding signal when only some papers have vectors (new papers not embedded yet, old ones never):
/// the liked and disliked papers that have one make the profile, and a paper without one gets its tf-idf
/// signal in the embedding's place, mapped onto the embedding signal's scale (the same z-score over the
/// papers that have both), so it is neither favoured nor buried for lacking a vector.
/// </summary>
internal static class EmbeddingSignal
{
    /// <summary>The embedding signal, or null when no liked or disliked paper has a vector (the lexical path alone then).</summary>
    public static float[]? Scores(PaperIndex index, int[] liked, int[] disliked, float[] text, bool[] banned, RankingOptions options, int[]? feedback = null)
    {
        if (!index.HasEmbeddings)
        {
            return null;
        }

        int[] embeddedLiked = [.. liked.Where(index.HasEmbedding)];
        int[] embeddedDisliked = [.. disliked.Where(index.HasEmbedding)];
        if (embeddedLiked.Length == 0 && embeddedDisliked.Length == 0)
        {
            return null;
        }

        int[]? embeddedFeedback = feedback is null ? null : [.. feedback.Where(index.HasEmbedding)];
        float[] scores = ProfileSignals.EmbeddingScores(
            index, embeddedLiked, embeddedDisliked, options.DislikeWeight, options.MaxSimilarityWeight, embeddedFeedback, options.FeedbackWeight);
        FillMissing(index, scores, text, banned);
        return scores;
    }

    /// <summary>
    /// The liked paper most like <paramref name="doc"/> and how alike, in units of the relevance threshold of the
    /// similarity used for that pair (embedding cosine when both have vectors, else tf-idf cosine); -1 when none.
    /// </summary>
    public static (int Document, double Units) Closest(PaperIndex index, int doc, List<int> liked, RankingOptions options)
    {
        int best = -1;
        double units = 0;
        float[]? row = liked.Count > 0 ? index.SimilarityRow(doc) : null;
        foreach (int other in liked)
        {
            double unit = index.HasEmbedding(doc) && index.HasEmbedding(other) ? options.SimilarityUnit : options.TextSimilarityUnit;
            double u = (row is null ? index.Similarity(doc, other) : row[other]) / unit;
            if (best < 0 || u > units)
            {
                (best, units) = (other, u);
            }
        }

        return (best, units);
    }

    private static void FillMissing(PaperIndex index, float[] scores, float[] text, bool[] banned)
    {
        (double sumE, double sqE, double sumT, double sqT, int n) = (0, 0, 0, 0, 0);
        bool anyMissing = false;
        for (int d = 0; d < scores.Length; d++)
        {
            if (!index.HasEmbedding(d))
            {
                anyMissing = true;
            }
            else if (!banned[d])
            {
                (sumE, sqE, sumT, sqT, n) = (sumE + scores[d], sqE + ((double)scores[d] * scores[d]), sumT + text[d], sqT + ((double)text[d] * text[d]), n + 1);
            }
        }

        if (!anyMissing)
        {
            return;
        }

        double meanE = n == 0 ? 0 : sumE / n;
        double meanT = n == 0 ? 0 : sumT / n;
        double sdE = n < 2 ? 0 : Math.Sqrt(Math.Max(0, (sqE / n) - (meanE * meanE)));
        double sdT = n < 2 ? 0 : Math.Sqrt(Math.Max(0, (sqT / n) - (meanT * meanT)));
        double scale = sdE > 0 && sdT > 0 ? sdE / sdT : 1;
        for (int d = 0; d < scores.Length; d++)
        {
            if (!index.HasEmbedding(d))
            {
                scores[d] = (float)(meanE + ((text[d] - meanT) * scale));
            }
        }
    }
}
