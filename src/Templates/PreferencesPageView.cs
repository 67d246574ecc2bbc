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
    FormToken Antiforgery)
{
    /// <summary>How many papers a digest has when the subscriber leaves the number empty (<c>Recommender:PapersPerDigest</c>).</summary>
    public required int DefaultPapersPerDigest { get; init; }

    /// <summary>The day of a weekly digest: the subscriber's own, else the configured <c>Scheduler:WeeklyDay</c>.</summary>
    public required IReadOnlyList<SelectOption> Weekdays { get; init; }

    /// <summary>The papers the subscriber liked (from digests, at sign-up or here), each with a box to untick.</summary>
    public required IReadOnlyList<ProfilePaperView> Liked { get; init; }

    /// <summary>The papers the subscriber marked "less like this", each with a box to untick.</summary>
    public required IReadOnlyList<ProfilePaperView> Disliked { get; init; }

    /// <summary>What was typed into "add papers you liked", shown again when the form has errors.</summary>
    public string AddLiked { get; init; } = "";
}
