namespace Paperboy.Templates;

/// <summary>A short mail about the subscription itself (confirm your address, you are already subscribed).</summary>
public sealed record AccountMailView(
    string Heading,
    IReadOnlyList<string> Paragraphs,
    string ButtonLabel,
    string ButtonUrl,
    string Footer,
    string SenderLine);
