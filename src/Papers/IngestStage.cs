namespace Paperboy.Papers;

/// <summary>The part of a long import a progress line is about.</summary>
public enum IngestStage
{
    /// <summary>Reading a file (line formats are stored as they are read).</summary>
    Reading,

    /// <summary>Receiving a feed's body over HTTP: bytes of Content-Length, when the server sent one.</summary>
    Downloading,

    /// <summary>Storing the papers of a parsed document: papers of <see cref="IngestProgress.TotalPapers"/>.</summary>
    Storing,

    /// <summary>Embedding stored papers (<c>papers embed</c>): papers of <see cref="IngestProgress.TotalPapers"/>.</summary>
    Embedding,
}
