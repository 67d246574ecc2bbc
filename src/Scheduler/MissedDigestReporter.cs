using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Storage;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Says which digests were skipped because nothing was planning while they were due (the service was down
/// past the end of the subscriber's local day or week). Those still in their period are sent by the planner.
/// </summary>
public sealed partial class MissedDigestReporter(
    SubscriberStore subscribers,
    DigestStore digests,
    RuntimeState state,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<MissedDigestReporter> logger)
{
    private const string LastRunKey = "planner.last_run_at";

    // The shortest time a digest stays due (delivery hour 23 to local midnight): a shorter gap cannot hide one,
    // so the usual run, minutes after the last, skips the per-subscriber scan.
    private static readonly TimeSpan ShortestDueWindow = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<PlanOutcome>> ReportAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        string? lastRunText = await state.GetAsync(LastRunKey, cancellationToken);
        var skipped = new List<PlanOutcome>();
        if (lastRunText is not null && UtcText.Parse(lastRunText) is var lastRun && now - lastRun >= ShortestDueWindow)
        {
            foreach (Subscriber subscriber in await subscribers.ListActiveAsync(cancellationToken))
            {
                foreach (string period in MissedPeriods.Between(subscriber, lastRun, now, scheduler.Value.WeeklyDay))
                {
                    if (!await digests.ExistsAsync(subscriber.Id, period, cancellationToken))
                    {
                        LogSkipped(subscriber.Id, period, lastRun, now);
                        skipped.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, 0, null,
                            string.Create(CultureInfo.InvariantCulture, $"skipped: nothing was planning from {lastRun:u} to {now:u}, and the period has ended")));
                    }
                }
            }
        }

        await state.SetAsync(LastRunKey, UtcText.From(now), cancellationToken);
        return skipped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {Period} for subscriber {SubscriberId} was skipped: nothing was planning from {From} to {To}, and the period has ended")]
    private partial void LogSkipped(long subscriberId, string period, DateTimeOffset from, DateTimeOffset to);
}
