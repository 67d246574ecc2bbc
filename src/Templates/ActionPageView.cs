namespace Paperboy.Templates;

/// <summary>
/// A page that says something and, when <see cref="FormAction"/> is set, offers one button that POSTs to it.
/// Links in emails open such pages; only the button changes anything.
/// </summary>
public sealed record ActionPageView(string Heading, IReadOnlyList<string> Paragraphs)
{
    public string FormAction { get; init; } = "";

    public string ButtonLabel { get; init; } = "";

    public bool Danger { get; init; }

    public FormToken Antiforgery { get; init; } = new("", "");

    public string LinkUrl { get; init; } = "";

    public string LinkLabel { get; init; } = "";
}
