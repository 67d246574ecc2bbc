namespace Paperboy.Subscribers.Web;

/// <summary>
/// When a subscriber's mail comes: "every Monday after 07:00 (Europe/Berlin)". The pages and <c>subscribers show</c>
/// say it in these same words, so what an operator reads is what the reader was told.
/// </summary>
internal static class DeliveryWords
{
    /// <param name="subscriber">Whose hour, time zone and weekly day.</param>
    /// <param name="frequency">The pace to describe (the subscriber's own, or one a link would switch to).</param>
    /// <param name="configuredDay">The weekly day of subscribers who chose none (<c>Scheduler:WeeklyDay</c>).</param>
    public static string When(Subscriber subscriber, DigestFrequency frequency, DayOfWeek configuredDay) => frequency switch
    {
        DigestFrequency.Daily => $"every day after {subscriber.DeliveryHour:00}:00 ({subscriber.TimeZone})",
        DigestFrequency.Weekly => $"every {subscriber.WeeklyDay ?? configuredDay} after {subscriber.DeliveryHour:00}:00 ({subscriber.TimeZone})",
        // An instant reader's scheduled mail is a daily digest of what did not come as an alert.
        DigestFrequency.Instant => $"within minutes of a new paper that matches you strongly, and a daily digest of the rest after {subscriber.DeliveryHour:00}:00 ({subscriber.TimeZone})",
        _ => "never while paused",
    };
}
