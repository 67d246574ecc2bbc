using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>The digest periods that came due and ended while nothing was planning (the service was down).</summary>
public static class MissedPeriods
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(31);

    /// <summary>
    /// Periods due at some moment after <paramref name="lastRun"/> that are no longer due at <paramref name="now"/>,
    /// excluding the one that was already due at the last run (it had its chance then).
    /// </summary>
    public static IReadOnlyList<string> Between(Subscriber subscriber, DateTimeOffset lastRun, DateTimeOffset now, DayOfWeek weeklyDay)
    {
        string? wasDue = DigestSchedule.DuePeriod(subscriber, lastRun, weeklyDay);
        string? isDue = DigestSchedule.DuePeriod(subscriber, now, weeklyDay);
        var missed = new List<string>();
        DateTimeOffset start = now - lastRun > Horizon ? now - Horizon : lastRun;
        for (DateTimeOffset t = start + Step; t < now; t += Step)
        {
            if (DigestSchedule.DuePeriod(subscriber, t, weeklyDay) is { } period && period != wasDue && period != isDue && !missed.Contains(period))
            {
                missed.Add(period);
            }
        }

        return missed;
    }
}
