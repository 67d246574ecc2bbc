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

    /// <summary>The page's question: what changes, and that nothing else does.</summary>
    public static string Offer(Subscriber subscriber, DigestFrequency to) =>
        $"Send {subscriber.Email} {Pace((long)to)} instead of {Current(subscriber.Frequency)}. The hour, the time zone and your keywords stay as they are; change them on your preferences page.";

    private static string Current(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => "one a day",
        DigestFrequency.Weekly => "one a week",
        DigestFrequency.Instant => "alerts as papers arrive",
        _ => "nothing while paused",
    };
}
