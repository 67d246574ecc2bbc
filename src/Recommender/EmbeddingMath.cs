using System.Numerics.Tensors;

namespace Paperboy.Recommender;

/// <summary>Vector helpers for sentence embeddings.</summary>
public static class EmbeddingMath
{
    public const int MinimumToCentre = 50;

    /// <summary>
    /// Subtracts the catalog's mean vector and renormalises, packed row by row. Sentence embeddings of papers
    /// share a large common direction; without it every paper looks alike (cosines of 0.2-0.5 for unrelated papers).
    /// A catalog of fewer than <see cref="MinimumToCentre"/> papers has no trustworthy mean, so it is only normalised.
    /// A null entry (a paper without a vector) stays a row of zeros and is left out of the mean.
    /// </summary>
    public static float[] Centre(IReadOnlyList<float[]?> vectors, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var mean = new float[dimensions];
        int present = 0;
        foreach (float[]? v in vectors)
        {
            if (v is null)
            {
                continue;
            }

            present++;
            if (v.Length != dimensions)
            {
                throw new ArgumentException($"an embedding has {v.Length} dimensions, expected {dimensions}", nameof(vectors));
            }

            TensorPrimitives.Add(mean, v, mean);
        }

        if (present < MinimumToCentre)
        {
            mean.AsSpan().Clear();
        }
        else
        {
            TensorPrimitives.Divide(mean, present, mean);
        }

        var packed = new float[vectors.Count * dimensions];
        for (int i = 0; i < vectors.Count; i++)
        {
            if (vectors[i] is not { } vector)
            {
                continue;
            }

            Span<float> row = packed.AsSpan(i * dimensions, dimensions);
            TensorPrimitives.Subtract(vector, mean, row);
            Normalize(row);
        }

        return packed;
    }

    public static void Normalize(Span<float> vector)
    {
        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
