using System.Numerics.Tensors;
using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender.Reference;

/// <summary>Similarity of every paper to what a subscriber liked (Rocchio: liked centroid minus a share of the disliked one).</summary>
internal static class ReferenceProfileSignals
{
    public static float[] TextScores(PaperIndex index, int[] liked, int[] disliked, double dislikeWeight, int[]? feedback = null, double feedbackWeight = 0)
    {
        var centroid = new Dictionary<int, float>();
        Add(liked, 1f / Math.Max(1, liked.Length));
        Add(feedback ?? [], (float)(feedbackWeight / Math.Max(1, feedback?.Length ?? 1)));
        Add(disliked, (float)(-dislikeWeight / Math.Max(1, disliked.Length)));
        var scores = new float[index.Count];
        foreach ((int feature, float weight) in centroid)
        {
            foreach ((int doc, float w) in index.FeaturePostings(feature))
            {
                scores[doc] += weight * w;
            }
        }

        return scores;

        void Add(int[] docs, float share)
        {
            foreach (int doc in docs)
            {
                SparseVector v = index.Vector(doc);
                for (int i = 0; i < v.Features.Length; i++)
                {
                    centroid[v.Features[i]] = centroid.GetValueOrDefault(v.Features[i]) + (share * v.Weights[i]);
                }
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

    /// <summary>The liked paper most similar to <paramref name="doc"/>, or -1 when there is none.</summary>
    public static (int Document, double Similarity) Closest(PaperIndex index, int doc, int[] liked)
    {
        int best = -1;
        double similarity = 0;
        foreach (int other in liked)
        {
            double s = ReferenceSimilarity.Of(index, doc, other);
            if (best < 0 || s > similarity)
            {
                (best, similarity) = (other, s);
            }
        }

        return (best, similarity);
    }
}
