namespace Paperboy.Recommender;

/// <summary>
/// Paper-to-paper similarities, kept by row once a row has been asked for often enough to pay for itself.
/// Ranking a day for many subscribers asks for the same pairs again and again (each candidate against each
/// liked paper, each pick against the other candidates); one row costs as much as <c>n</c> similarities and a
/// request for a row stands for several (a candidate against each liked paper), so a row is stored after
/// <c>n / 8</c> requests for it, and a whole index stays within <see cref="MaxCachedFloats"/>. A cached value is the very float the direct computation gives.
/// </summary>
internal sealed class SimilarityCache(int count, Func<int, int, float> compute)
{
    /// <summary>64 MB of rows at most: all of a 4,000-paper day, a few hundred rows of a large catalog.</summary>
    private const long MaxCachedFloats = 16L << 20;

    private readonly float[]?[] _rows = new float[count][];
    // Racy counts on purpose: a lost increment only delays a row, and no lock sits on the hot path.
    private readonly int[] _lookups = new int[count];
    private readonly int _requestsPerRow = Math.Max(16, count / 8);
    private int _rowsLeft = (int)Math.Min(count, MaxCachedFloats / Math.Max(1, count));

    public int CachedRows => _rows.Count(r => r is not null);

    public float Similarity(int a, int b) => Row(a) is { } row ? row[b] : compute(a, b);

    /// <summary>Paper <paramref name="a"/>'s similarities to every paper, or null while it is not worth keeping.</summary>
    public float[]? Row(int a)
    {
        float[]? row = Volatile.Read(ref _rows[a]);
        if (row is not null)
        {
            return row;
        }

        return ++_lookups[a] >= _requestsPerRow && Volatile.Read(ref _rowsLeft) > 0 ? Fill(a) : null;
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
