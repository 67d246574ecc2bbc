namespace Paperboy.Templates;

public sealed record DigestPaperView(int Rank, string Title, string Url, string Authors, string Abstract, string Why, int? Upvotes)
{
    /// <summary>Feedback links (more/less like this, mute keyword); empty in previews and samples.</summary>
    public PaperLinks Links { get; init; } = PaperLinks.None;
}
