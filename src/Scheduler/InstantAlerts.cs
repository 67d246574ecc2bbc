using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

/// <summary>
/// When papers arrive, subscribers who chose "instant" get the ones that clear the alert bar at once, in a
/// short alert (at most three papers, at most <see cref="SchedulerOptions.MaxAlertsPerDay"/> a local day).
/// An alert is a digest with the period <c>DATE/alert-N</c>: its papers enter the send log, so the next
/// daily digest leaves them out.
/// </summary>
public sealed partial class InstantAlerts(
    SubscriberStore subscribers,
    SuppressionStore suppressions,
    SubscriberRanking ranking,
    DigestStore digests,
    DigestComposer composer,
    OutboxPump pump,
    IOptions<RecommenderOptions> recommender,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<InstantAlerts> logger) : IPapersStoredListener
{
    private const int MaxPapersPerAlert = 3;

    public async Task OnStoredAsync(IReadOnlyList<long> newOrChangedPaperIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newOrChangedPaperIds);
        List<Subscriber> instant = [.. (await subscribers.ListActiveAsync(cancellationToken)).Where(s => s.Frequency == DigestFrequency.Instant)];
        if (newOrChangedPaperIds.Count == 0 || instant.Count == 0 || scheduler.Value.MaxAlertsPerDay == 0)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        HashSet<long> fresh = [.. newOrChangedPaperIds];
        HashSet<string> suppressed = await suppressions.HashesAsync(cancellationToken);
        PaperIndex? index = null;
        bool queued = false;
        List<Subscriber> reachable = [.. instant.Where(s => !suppressed.Contains(SubscriberStore.EmailHash(s.Email)))];
        foreach (Subscriber subscriber in reachable)
        {
            string today = DigestSchedule.LocalDate(subscriber, now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            int sentToday = await digests.CountPeriodsAsync(subscriber.Id, $"{today}/alert-", cancellationToken);
            if (sentToday >= scheduler.Value.MaxAlertsPerDay)
            {
                continue;
            }

            // Only the new papers and what ranking them needs, not the whole catalog: a large import stores
            // thousands of batches, and each one is checked.
            index ??= await ranking.AlertIndexAsync(fresh, reachable, cancellationToken);

            // Alerts are numbered within the day, and UNIQUE (subscriber, period) lets only one of two nodes store a
            // number. The node that lost counts again and, while the day has room, ranks again (the other alert's
            // papers are now in the send log) and takes the next number. No node ever stores a number above the cap.
            while (sentToday < scheduler.Value.MaxAlertsPerDay)
            {
                IReadOnlyList<Recommendation> alert = [.. (await ranking.RankAsync(index, subscriber, now, cancellationToken, fresh))
                    .Where(recommender.Value.IsAlert)
                    .Take(MaxPapersPerAlert)];
                if (alert.Count == 0)
                {
                    break;
                }

                string period = $"{today}/alert-{sentToday + 1}";
                if (await digests.SaveAsync(composer.Compose(subscriber, period, alert, now, DigestKind.Alert), cancellationToken) is not null)
                {
                    LogAlert(subscriber.Id, period, alert.Count);
                    queued = true;
                    break;
                }

                sentToday = Math.Max(sentToday + 1, await digests.CountPeriodsAsync(subscriber.Id, $"{today}/alert-", cancellationToken));
            }
        }

        if (queued)
        {
            pump.Signal();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instant alert {Period} for subscriber {SubscriberId}: {Count} papers queued")]
    private partial void LogAlert(long subscriberId, string period, int count);
}
