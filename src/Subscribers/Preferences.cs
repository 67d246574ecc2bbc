using Paperboy.Hosting;

namespace Paperboy.Subscribers;

/// <summary>What the preferences page saves: keywords (each active or muted), schedule and digest size.</summary>
public sealed record Preferences(
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> MutedKeywords,
    DigestFrequency Frequency,
    string TimeZone,
    int DeliveryHour,
    int? PapersPerDigest)
{
    /// <summary>The weekday of a weekly digest, or null for the configured one.</summary>
    public DayOfWeek? WeeklyDay { get; init; }

    /// <summary>Liked and disliked papers to forget, and papers to like.</summary>
    public OpinionsChange Opinions { get; init; } = OpinionsChange.None;

    /// <exception cref="PaperboyException">When any field is invalid; the message lists every problem.</exception>
    public static Preferences Create(
        IEnumerable<string> keywords, IEnumerable<string> muted, string? frequency, string? timeZone, int? hour, int? papersPerDigest, string? weeklyDay = null)
    {
        var errors = new List<string>();
        return Validate(keywords, muted, frequency, timeZone, hour, papersPerDigest, errors, weeklyDay)
            ?? throw new PaperboyException(string.Join("; ", errors));
    }

    /// <summary>
    /// The preferences, or null with every problem added to <paramref name="errors"/>. <paramref name="weeklyDay"/> is a
    /// weekday's English name, or empty for the configured day.
    /// </summary>
    public static Preferences? Validate(
        IEnumerable<string> keywords, IEnumerable<string> muted, string? frequency, string? timeZone, int? hour, int? papersPerDigest, List<string> errors,
        string? weeklyDay = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<string> mutedList = SubscriptionRules.EachKeyword(muted, errors);
        List<string> active = [.. SubscriptionRules.EachKeyword(keywords, errors).Where(k => !mutedList.Contains(k, StringComparer.OrdinalIgnoreCase))];
        if (active.Count + mutedList.Count == 0)
        {
            errors.Add("at least one keyword is needed");
        }

        // Muted keywords stay on the profile, so the limit counts them with the active ones.
        SubscriptionRules.KeywordCount(active.Count + mutedList.Count, errors);

        DigestFrequency parsedFrequency = SubscriptionRules.Frequency(frequency, errors, allowPaused: true);
        string zone = SubscriptionRules.TimeZone(timeZone, errors);
        int deliveryHour = SubscriptionRules.Hour(hour, errors);
        int? count = SubscriptionRules.PapersPerDigest(papersPerDigest, errors);
        DayOfWeek? day = SubscriptionRules.Weekday(weeklyDay, errors);
        return errors.Count > 0 ? null : new Preferences(active, mutedList, parsedFrequency, zone, deliveryHour, count) { WeeklyDay = day };
    }
}
