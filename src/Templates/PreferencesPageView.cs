namespace Paperboy.Templates;

public sealed record PreferencesPageView(
    string Email,
    string Status,
    string Keywords,
    string Muted,
    string TimeZone,
    string PapersPerDigest,
    IReadOnlyList<SelectOption> Frequencies,
    IReadOnlyList<SelectOption> Hours,
    IReadOnlyList<string> Errors,
    bool Saved,
    string FormAction,
    string ExportAction,
    string DeleteUrl,
    string UnsubscribeUrl,
    FormToken Antiforgery);
