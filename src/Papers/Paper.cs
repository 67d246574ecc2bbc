namespace Paperboy.Papers;

/// <summary>A paper in the catalog.</summary>
public sealed record Paper(
    long Id,
    string Key,
    string Title,
    string Abstract,
    IReadOnlyList<string> Authors,
    string? Url,
    DateTimeOffset? PublishedAt,
    int? Upvotes);
