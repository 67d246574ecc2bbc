namespace Paperboy.Subscribers;

/// <summary>"Download my data": everything Paperboy stores about one subscriber.</summary>
public sealed record SubscriberExport(
    SubscriberExport.Account Subscriber,
    IReadOnlyList<SubscriberExport.Keyword> Keywords,
    IReadOnlyList<SubscriberExport.PaperOpinion> Opinions,
    IReadOnlyList<SubscriberExport.SentPaper> SentPapers)
{
    /// <summary>Papers named as liked at sign-up that are not in the catalog yet (see <see cref="WantedPaperStore"/>).</summary>
    public IReadOnlyList<string> WantedPapers { get; init; } = [];

    public sealed record Account(
        string Email, string Status, string Frequency, string TimeZone, long DeliveryHour, long? PapersPerDigest, string? WeeklyDay,
        string CreatedAt, string? ConfirmedAt, string? UnsubscribedAt);

    // Settable properties, not a constructor: SQLite returns the flag as an integer, which Dapper converts only for properties.
    public sealed record Keyword
    {
        public string Text { get; init; } = "";

        public bool Muted { get; init; }
    }

    public sealed record PaperOpinion(string Paper, string Title, string Opinion, string At);

    public sealed record SentPaper(string Period, string Paper, string Title, string Reason);
}
