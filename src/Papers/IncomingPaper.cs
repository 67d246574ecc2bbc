namespace Paperboy.Papers;

/// <summary>A paper as a feed describes it, before it is stored.</summary>
/// <remarks>What only some feeds know (version, DOI, categories, popularity) is optional and set with <c>init</c>.</remarks>
public sealed record IncomingPaper(
    string Key,
    string Title,
    string Abstract,
    IReadOnlyList<string> Authors,
    string? Url,
    DateTimeOffset? PublishedAt,
    int? Upvotes)
{
    /// <summary>The arXiv version (2 for 2606.00467v2), when the feed says.</summary>
    public int? Version { get; init; }

    /// <summary>Normalised by <see cref="PaperIdentity.NormalizeDoi"/>.</summary>
    public string? Doi { get; init; }

    /// <summary>arXiv categories, the primary one first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? AiSummary { get; init; }

    public IReadOnlyList<string> AiKeywords { get; init; } = [];

    public int? Comments { get; init; }

    public string? GithubRepo { get; init; }

    public int? GithubStars { get; init; }

    public bool HasPopularity => Upvotes is not null || Comments is not null || GithubStars is not null;
}
