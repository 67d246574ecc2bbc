namespace Paperboy.Templates;

public sealed record DigestPaperView(int Rank, string Title, string Url, string Authors, string Abstract, string Why, int? Upvotes)
{
    /// <summary>Feedback links (more/less like this, mute keyword); empty in previews and samples.</summary>
    public PaperLinks Links { get; init; } = PaperLinks.None;

    /// <summary>Where and when it appeared, e.g. "arXiv · 27 Nov 2026" (dates in the subscriber's time zone); may be empty.</summary>
    public string Meta { get; init; } = "";

    /// <summary>True when <see cref="Abstract"/> is the feed's AI summary rather than the authors' abstract.</summary>
    public bool IsSummary { get; init; }

    /// <summary>The interest (keyword) the paper matched first; weekly digests group by it.</summary>
    public string Interest { get; init; } = "";
}
