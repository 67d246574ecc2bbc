namespace Paperboy.Papers;

/// <summary>A paper as a feed describes it, before it is stored.</summary>
public sealed record IncomingPaper(
    string Key,
    string Title,
    string Abstract,
    IReadOnlyList<string> Authors,
    string? Url,
    DateTimeOffset? PublishedAt,
    int? Upvotes);
