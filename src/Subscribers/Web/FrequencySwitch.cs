namespace Paperboy.Subscribers.Web;

/// <summary>The words of the page behind a digest footer's switch to the other pace (daily ↔ weekly).</summary>
internal static class FrequencySwitch
{
    /// <summary>What a switch link's argument switches to, in words; null for a pace the footer never offers (the link is then invalid).</summary>
    public static string? Pace(long frequency) => frequency switch
    {
        (long)DigestFrequency.Daily => "one digest a day",
        (long)DigestFrequency.Weekly => "one digest a week",
        _ => null,
    };

    public static string Heading(DigestFrequency to) => to == DigestFrequency.Weekly ? "One digest a week" : "One digest a day";

    /// <summary>The page's question: what changes and when the mail will come, and that nothing else changes.</summary>
    public static string Offer(Subscriber subscriber, DigestFrequency to, DayOfWeek weeklyDay) =>
        $"Send {subscriber.Email} {Pace((long)to)}, {DeliveryWords.When(subscriber, to, weeklyDay)}, instead of {Current(subscriber.Frequency)}. "
        + $"Your keywords stay as they are; change {(to == DigestFrequency.Weekly ? "the day, the hour" : "the hour")} or the time zone on your preferences page.";

    private static string Current(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => "one a day",
        DigestFrequency.Weekly => "one a week",
        DigestFrequency.Instant => "alerts as papers arrive",
        _ => "sending nothing while paused",
    };
}
