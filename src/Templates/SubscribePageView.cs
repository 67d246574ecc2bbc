namespace Paperboy.Templates;

public sealed record SubscribePageView(
    string Email,
    string Keywords,
    string TimeZone,
    IReadOnlyList<SelectOption> Frequencies,
    IReadOnlyList<SelectOption> Hours,
    IReadOnlyList<string> Errors,
    FormToken Antiforgery,
    string Nonce);
