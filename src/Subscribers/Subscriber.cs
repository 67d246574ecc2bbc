namespace Paperboy.Subscribers;

public sealed record Subscriber(
    long Id,
    string Email,
    SubscriberStatus Status,
    DigestFrequency Frequency,
    string TimeZone,
    int DeliveryHour,
    IReadOnlyList<string> Keywords)
{
    /// <summary>Mixed into every link's signature; a new secret revokes every link sent before.</summary>
    public string LinkSecret { get; init; } = "";

    /// <summary>Keywords the subscriber muted: kept on their profile, not used for recommending.</summary>
    public IReadOnlyList<string> MutedKeywords { get; init; } = [];

    /// <summary>The weekday of the subscriber's weekly digest, or null for the configured <c>Scheduler:WeeklyDay</c>.</summary>
    public DayOfWeek? WeeklyDay { get; init; }

    /// <summary>
    /// When the current frequency took effect (confirmation, or a change of frequency); null for rows from before
    /// it was recorded. A weekly digest whose delivery moment came before it is not due.
    /// </summary>
    public DateTimeOffset? ScheduleSince { get; init; }

    /// <summary>The subscriber's own digest size, or null for the configured default.</summary>
    public int? PapersPerDigest { get; init; }
}
