namespace Paperboy.Feeds;

/// <summary>A <c>feed_state</c> row.</summary>
public sealed record FeedState
{
    public string Url { get; init; } = "";

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public string? CheckedAt { get; init; }

    public string? ChangedAt { get; init; }

    public string? LastError { get; init; }
}
