using Microsoft.Extensions.Options;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Chooses the digests that are due and writes each one, with its send log and message, to the database.
/// Nothing is sent here: the outbox dispatcher sends what this stored.
/// </summary>
public sealed partial class DigestPlanner(
    SubscriberRanking ranking,
    SubscriberStore subscribers,
    DigestStore digests,
    DigestComposer composer,
    SuppressionStore suppressions,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<DigestPlanner> logger)
{
    public async Task<IReadOnlyList<PlanOutcome>> PlanDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var outcomes = new List<PlanOutcome>();
        PaperIndex? index = null;
        HashSet<string> suppressed = await suppressions.HashesAsync(cancellationToken);
        foreach (Subscriber subscriber in await subscribers.ListActiveAsync(cancellationToken))
        {
            // No digest, and so no send-log entries, for mail that could not be sent.
            if (suppressed.Contains(SubscriberStore.EmailHash(subscriber.Email)))
            {
                continue;
            }

            string? period = DigestSchedule.DuePeriod(subscriber, now, scheduler.Value.WeeklyDay);
            if (period is null || await digests.ExistsAsync(subscriber.Id, period, cancellationToken))
            {
                continue;
            }

            // Built once per run, and only when somebody is due.
            index ??= await ranking.IndexAsync(cancellationToken);
            IReadOnlyList<Recommendation> items = await ranking.RankAsync(index, subscriber, now, cancellationToken);
            if (items.Count == 0)
            {
                LogNothingNew(subscriber.Id, period);
                outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, 0, null, "no new paper above the relevance threshold"));
                continue;
            }

            NewDigest digest = composer.Compose(subscriber, period, items, now);
            long? outboxId = await digests.SaveAsync(digest, cancellationToken);
            if (outboxId is null)
            {
                outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, 0, null, "already planned by another run"));
                continue;
            }

            LogPlanned(subscriber.Id, period, items.Count);
            outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, items.Count, outboxId, "queued"));
        }

        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period} for subscriber {SubscriberId}: {Count} papers queued")]
    private partial void LogPlanned(long subscriberId, string period, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period} for subscriber {SubscriberId}: nothing new above the threshold, not sent")]
    private partial void LogNothingNew(long subscriberId, string period);
}
