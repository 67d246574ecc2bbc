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
    int? Upvotes)
{
    public int? Version { get; init; }

    public string? Doi { get; init; }

    /// <summary>arXiv categories, the primary one first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? AiSummary { get; init; }

    public int? Comments { get; init; }

    public int? GithubStars { get; init; }

    /// <summary>
    /// Upvotes gained per day over the recent popularity history (<c>paper_popularity</c>), when the paper was
    /// observed at least twice in it; null otherwise. Filled by the caller for ranking, not stored in <c>papers</c>.
    /// </summary>
    public double? UpvotesPerDay { get; init; }
}
