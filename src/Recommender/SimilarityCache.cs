namespace Paperboy.Recommender;

/// <summary>
/// Paper-to-paper similarities, kept by row once a row has been asked for often enough to pay for itself.
/// Ranking a day for many subscribers asks for the same pairs again and again (each candidate against each
/// liked paper, each pick against the other candidates); one row costs as much as <c>n</c> lookups, so a row
/// is stored after <c>n</c> lookups of it (at most twice the work of knowing the future), and a whole index
/// stays within <see cref="MaxCachedFloats"/>. A cached value is the very float the direct computation gives.
/// </summary>
internal sealed class SimilarityCache(int count, Func<int, int, float> compute)
{
    /// <summary>64 MB of rows at most: all of a 4,000-paper day, a few hundred rows of a large catalog.</summary>
    private const long MaxCachedFloats = 16L << 20;

    private readonly float[]?[] _rows = new float[count][];
    // Racy counts on purpose: a lost increment only delays a row, and no lock sits on the hot path.
    private readonly int[] _lookups = new int[count];
    private int _rowsLeft = (int)Math.Min(count, MaxCachedFloats / Math.Max(1, count));

    public int CachedRows => _rows.Count(r => r is not null);

    public float Similarity(int a, int b)
    {
        float[]? row = Volatile.Read(ref _rows[a]);
        if (row is not null)
        {
            return row[b];
        }

        if (++_lookups[a] >= count && Volatile.Read(ref _rowsLeft) > 0)
        {
            row = Fill(a);
            return row[b];
        }

        return compute(a, b);
    }

    private float[] Fill(int a)
    {
        var row = new float[count];
        for (int b = 0; b < count; b++)
        {
            row[b] = compute(a, b);
        }

        // Two threads may fill the same row at once; both rows are equal, and only the first one is kept.
        float[]? existing = Interlocked.CompareExchange(ref _rows[a], row, null);
        if (existing is not null)
        {
            return existing;
        }

        Interlocked.Decrement(ref _rowsLeft);
        return row;
    }
}
