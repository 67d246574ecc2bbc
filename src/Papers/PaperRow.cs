using System.Text.Json;
using Paperboy.Storage;

namespace Paperboy.Papers;

/// <summary>A <c>papers</c> row as Dapper reads and writes it (lists as JSON text, times as UTC text).</summary>
internal sealed record PaperRow
{
    public long Id { get; init; }

    public string Key { get; init; } = "";

    public string Title { get; init; } = "";

    public string Abstract { get; init; } = "";

    public string Authors { get; init; } = "[]";

    public string? Url { get; init; }

    public string? PublishedAt { get; init; }

    public int? Upvotes { get; init; }

    public int? Version { get; init; }

    public string? Doi { get; init; }

    public string Categories { get; init; } = "[]";

    public string? AiSummary { get; init; }

    public string AiKeywords { get; init; } = "[]";

    public int? Comments { get; init; }

    public string? GithubRepo { get; init; }

    public int? GithubStars { get; init; }

    public static PaperRow From(IncomingPaper paper) => new()
    {
        Key = paper.Key,
        Title = paper.Title,
        Abstract = paper.Abstract,
        Authors = JsonSerializer.Serialize(paper.Authors),
        Url = paper.Url,
        PublishedAt = paper.PublishedAt is { } p ? UtcText.From(p) : null,
        Upvotes = paper.Upvotes,
        Version = paper.Version,
        Doi = paper.Doi,
        Categories = JsonSerializer.Serialize(paper.Categories),
        AiSummary = paper.AiSummary,
        AiKeywords = JsonSerializer.Serialize(paper.AiKeywords),
        Comments = paper.Comments,
        GithubRepo = paper.GithubRepo,
        GithubStars = paper.GithubStars,
    };

    /// <summary>
    /// This stored row updated with what a later fetch says: a newer version replaces title, abstract and authors
    /// (an older one never does), popularity is the latest observed, and nothing known is erased by a feed that
    /// does not know it. The publication date is the first one learned (an RSS "replace" is not a new paper).
    /// </summary>
    public PaperRow MergeWith(PaperRow incoming)
    {
        bool older = incoming.Version is { } v && Version is { } stored && v < stored;
        bool arxivKey = incoming.Key.StartsWith("arxiv:", StringComparison.Ordinal);
        return this with
        {
            Key = arxivKey ? incoming.Key : Key,
            Title = older ? Title : incoming.Title,
            Abstract = older ? Abstract : incoming.Abstract,
            Authors = older || incoming.Authors == "[]" ? Authors : incoming.Authors,
            Version = older ? Version : incoming.Version ?? Version,
            Url = incoming.Url ?? Url,
            PublishedAt = PublishedAt ?? incoming.PublishedAt,
            Doi = incoming.Doi ?? Doi,
            Categories = incoming.Categories == "[]" ? Categories : incoming.Categories,
            AiSummary = incoming.AiSummary ?? AiSummary,
            AiKeywords = incoming.AiKeywords == "[]" ? AiKeywords : incoming.AiKeywords,
            Upvotes = incoming.Upvotes ?? Upvotes,
            Comments = incoming.Comments ?? Comments,
            GithubRepo = incoming.GithubRepo ?? GithubRepo,
            GithubStars = incoming.GithubStars ?? GithubStars,
        };
    }

    public bool SamePopularity(PaperRow other) => Upvotes == other.Upvotes && Comments == other.Comments && GithubStars == other.GithubStars;

    /// <summary>Whether what a reader of the paper sees (and an index would embed) is the same.</summary>
    public bool SameContent(PaperRow other) =>
        Title == other.Title && Abstract == other.Abstract && Authors == other.Authors && Version == other.Version;

    public Paper ToPaper() => new(
        Id,
        Key,
        Title,
        Abstract,
        JsonSerializer.Deserialize<List<string>>(Authors) ?? [],
        Url,
        PublishedAt is null ? null : UtcText.Parse(PublishedAt),
        Upvotes)
    {
        Version = Version,
        Doi = Doi,
        Categories = JsonSerializer.Deserialize<List<string>>(Categories) ?? [],
        AiSummary = AiSummary,
        Comments = Comments,
        GithubStars = GithubStars,
    };
}
