namespace Paperboy.Recommender;

/// <summary>A unit-length tf-idf vector: feature ids in ascending order with their weights.</summary>
public readonly record struct SparseVector(int[] Features, float[] Weights)
{
    public static SparseVector Empty { get; } = new([], []);

    public float Dot(SparseVector other)
    {
        float sum = 0;
        int i = 0;
        int j = 0;
        while (i < Features.Length && j < other.Features.Length)
        {
            int a = Features[i];
            int b = other.Features[j];
            if (a == b)
            {
                sum += Weights[i++] * other.Weights[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
