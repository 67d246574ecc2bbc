namespace Paperboy.Templates;

public sealed record RenderedDigest(string Html, string Text)
{
    /// <summary>
    /// How many of the view's papers (the first ones) the email shows: fewer than given only when even without
    /// abstracts the HTML would pass the size limit. Only these count as sent.
    /// </summary>
    public int PaperCount { get; init; }
}
