using System.Numerics.Tensors;

namespace Paperboy.Recommender;

/// <summary>Similarity of every paper to what a subscriber liked (Rocchio: liked centroid minus a share of the disliked one).</summary>
internal static class ProfileSignals
{
    /// <summary>
    /// Writes each paper's tf-idf similarity to the centroid into <paramref name="scores"/>, summing exactly as a
    /// dictionary of centroid features would (features in first-seen order), with the workspace's buffers.
    /// </summary>
    public static void TextScores(
        PaperIndex index, RankingWorkspace workspace, List<int> liked, List<int> disliked, double dislikeWeight,
        int[] feedback, double feedbackWeight, float[] scores)
    {
        float[] centroid = workspace.Centroid;
        bool[] present = workspace.InCentroid;
        List<int> features = workspace.CentroidFeatures;
        features.Clear();
        foreach (int doc in liked)
        {
            Add(doc, 1f / Math.Max(1, liked.Count));
        }

        foreach (int doc in feedback)
        {
            Add(doc, (float)(feedbackWeight / Math.Max(1, feedback.Length)));
        }

        foreach (int doc in disliked)
        {
            Add(doc, (float)(-dislikeWeight / Math.Max(1, disliked.Count)));
        }

        Array.Clear(scores);
        foreach (int feature in features)
        {
            float weight = centroid[feature];
            foreach ((int doc, float w) in index.FeaturePostings(feature))
            {
                scores[doc] += weight * w;
            }

            centroid[feature] = 0;
            present[feature] = false;
        }

        void Add(int doc, float share)
        {
            SparseVector v = index.Vector(doc);
            for (int i = 0; i < v.Features.Length; i++)
            {
                int feature = v.Features[i];
                if (!present[feature])
                {
                    present[feature] = true;
                    features.Add(feature);
                }

                centroid[feature] += share * v.Weights[i];
            }
        }
    }

    public static float[] EmbeddingScores(PaperIndex index, int[] liked, int[] disliked, double dislikeWeight, double maxWeight, int[]? feedback = null, double feedbackWeight = 0)
    {
        var centroid = new float[index.Dimensions];
        foreach (int doc in liked)
        {
            TensorPrimitives.MultiplyAdd(index.Embedding(doc), 1f / liked.Length, centroid, centroid);
        }

        foreach (int doc in feedback ?? [])
        {
            TensorPrimitives.MultiplyAdd(index.Embedding(doc), (float)(feedbackWeight / feedback!.Length), centroid, centroid);
        }

        foreach (int doc in disliked)
        {
            TensorPrimitives.MultiplyAdd(index.Embedding(doc), (float)(-dislikeWeight / disliked.Length), centroid, centroid);
        }

        var scores = new float[index.Count];
        for (int doc = 0; doc < scores.Length; doc++)
        {
            scores[doc] = TensorPrimitives.Dot(index.Embedding(doc), centroid);
        }

        if (maxWeight > 0 && liked.Length > 1)
        {
            for (int doc = 0; doc < scores.Length; doc++)
            {
                ReadOnlySpan<float> e = index.Embedding(doc);
                float best = float.NegativeInfinity;
                foreach (int l in liked)
                {
                    best = Math.Max(best, TensorPrimitives.Dot(e, index.Embedding(l)));
                }

                scores[doc] += (float)maxWeight * best;
            }
        }

        return scores;
    }
}
