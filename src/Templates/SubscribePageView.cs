namespace Paperboy.Templates;

public sealed record SubscribePageView(
    string Email,
    string Keywords,
    string TimeZone,
    IReadOnlyList<SelectOption> Frequencies,
    IReadOnlyList<SelectOption> Hours,
    IReadOnlyList<string> Errors,
    FormToken Antiforgery,
    string Nonce)
{
    /// <summary>What was typed into "Papers you liked" (arXiv ids or links), shown again when the form has errors.</summary>
    public string Liked { get; init; } = "";
}
