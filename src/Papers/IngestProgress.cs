namespace Paperboy.Papers;

/// <summary>How far a long import has come: bytes of the file read so far, of how many, and papers read.</summary>
public sealed record IngestProgress(long BytesRead, long TotalBytes, int Papers);
