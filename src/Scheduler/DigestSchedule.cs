using System.Globalization;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// When a subscriber's digest is due, in their own time zone. A digest is due from the delivery hour on
/// until its period ends, so one missed while the service was down still goes out later the same local
/// day (or week); the period key then makes sure it goes out once.
/// </summary>
public static class DigestSchedule
{
    /// <summary>
    /// The period key ('2026-11-27' or '2026-W48') whose digest is due at <paramref name="now"/>, or null.
    /// <paramref name="weeklyDay"/> is the configured weekday, for subscribers who chose none of their own.
    /// </summary>
    public static string? DuePeriod(Subscriber subscriber, DateTimeOffset now, DayOfWeek weeklyDay)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Frequency == DigestFrequency.Paused)
        {
            return null;
        }

        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        DateTime local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        if (subscriber.Frequency != DigestFrequency.Weekly)
        {
            return local.Hour >= subscriber.DeliveryHour ? DateOnly.FromDateTime(local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        }

        int today = DaysFromMonday(local.DayOfWeek);
        // A change of day within a week cannot send a second weekly digest: the week's key is the same.
        int deliveryDay = DaysFromMonday(subscriber.WeeklyDay ?? weeklyDay);
        bool due = today > deliveryDay || (today == deliveryDay && local.Hour >= subscriber.DeliveryHour);
        if (due && subscriber.ScheduleSince is { } since
            && TimeZoneInfo.ConvertTime(since, zone).DateTime > local.Date.AddDays(deliveryDay - today).AddHours(subscriber.DeliveryHour))
        {
            // Weekly only since after this week's delivery moment (signed up or switched on a later day): the
            // first weekly digest comes on their weekday, as the pages promised, not at once.
            return null;
        }

        return due ? $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}" : null;
    }

    /// <summary>The subscriber's local date at <paramref name="now"/>, for the digest's heading.</summary>
    public static DateOnly LocalDate(Subscriber subscriber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone)).DateTime);
    }

    // ISO weeks start on Monday.
    private static int DaysFromMonday(DayOfWeek day) => ((int)day + 6) % 7;
}
