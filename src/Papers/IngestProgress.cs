namespace Paperboy.Papers;

/// <summary>How far a long import has come: bytes of the file (or download) so far, of how many, and papers read.</summary>
public sealed record IngestProgress(long BytesRead, long TotalBytes, int Papers)
{
    /// <summary>What is being done; the bar counts bytes while reading or downloading, papers while storing.</summary>
    public IngestStage Stage { get; init; } = IngestStage.Reading;

    /// <summary>How many papers there are to store in all (known once a whole document is parsed), else 0.</summary>
    public int TotalPapers { get; init; }
}
