namespace Paperboy.Subscribers;

/// <summary>"Download my data": everything Paperboy stores about one subscriber.</summary>
public sealed record SubscriberExport(
    SubscriberExport.Account Subscriber,
    IReadOnlyList<SubscriberExport.Keyword> Keywords,
    IReadOnlyList<SubscriberExport.PaperOpinion> Opinions,
    IReadOnlyList<SubscriberExport.SentPaper> SentPapers)
{
    public sealed record Account(
        string Email, string Status, string Frequency, string TimeZone, long DeliveryHour, long? PapersPerDigest,
        string CreatedAt, string? ConfirmedAt, string? UnsubscribedAt);

    public sealed record Keyword(string Text, bool Muted);

    public sealed record PaperOpinion(string Paper, string Title, string Opinion, string At);

    public sealed record SentPaper(string Period, string Paper, string Title, string Reason);
}
