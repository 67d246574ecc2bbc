using System.Numerics;
using System.Numerics.Tensors;

namespace Paperboy.Recommender;

/// <summary>Adds a profile's signals into one relevance per paper.</summary>
internal static class SignalFusion
{
    /// <summary>Adds the signals that are present: as they are when there is one, z-scored over the unbanned papers and weighted when several.</summary>
    public static void Fuse(float[] fused, bool[] banned, params ReadOnlySpan<(float[]? Scores, double Weight)> signals)
    {
        int n = fused.Length;
        Array.Clear(fused);
        int present = 0;
        foreach ((float[]? scores, _) in signals)
        {
            present += scores is null ? 0 : 1;
        }

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
                    double v = scores[d];
                    sum += v;
                    squares += v * v;
                    count++;
                }
            }

            double mean = count == 0 ? 0 : sum / count;
            double sd = count < 2 ? 0 : Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
            AddScaled(fused, scores, mean, sd > 0 ? (float)(weight / sd) : 0);
        }
    }

    /// <summary>
    /// fused[d] += (float)(scores[d] - mean) * scale, several papers at a time; the same roundings in the same
    /// order as the one-at-a-time loop, so the same floats.
    /// </summary>
    private static void AddScaled(float[] fused, float[] scores, double mean, float scale)
    {
        int n = fused.Length;
        int d = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var means = new Vector<double>(mean);
            var scales = new Vector<float>(scale);
            for (; d <= n - Vector<float>.Count; d += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(scores, d), out Vector<double> low, out Vector<double> high);
                (new Vector<float>(fused, d) + (Vector.Narrow(low - means, high - means) * scales)).CopyTo(fused, d);
            }
        }

        for (; d < n; d++)
        {
            fused[d] += (float)(scores[d] - mean) * scale;
        }
    }
}
