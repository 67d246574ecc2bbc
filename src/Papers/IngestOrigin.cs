namespace Paperboy.Papers;

/// <summary>Where an ingest's papers came from, for the words of its report ("in the file", "in the feed").</summary>
public enum IngestOrigin
{
    File,
    Feed,
}
