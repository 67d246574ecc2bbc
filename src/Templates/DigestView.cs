namespace Paperboy.Templates;

/// <summary>Everything a digest template shows, already chosen and formatted; no template computes.</summary>
public sealed record DigestView(
    string Recipient,
    string DateLabel,
    string Heading,
    IReadOnlyList<DigestPaperView> Papers,
    string UnsubscribeUrl,
    string PreferencesUrl,
    string WhyYouGetThis,
    string SenderLine);
