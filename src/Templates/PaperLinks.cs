namespace Paperboy.Templates;

/// <summary>The feedback links under a paper in a digest: more like this, less like this, mute a keyword it matched.</summary>
public sealed record PaperLinks(string MoreLikeThis, string LessLikeThis, IReadOnlyList<KeywordLink> Mute)
{
    public static PaperLinks None { get; } = new("", "", []);
}
