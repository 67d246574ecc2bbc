using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Chooses the digests that are due and writes each one, with its send log and message, to the database.
/// Nothing is sent here: the outbox dispatcher sends what this stored.
/// </summary>
public sealed partial class DigestPlanner(
    PaperStore papers,
    SubscriberStore subscribers,
    DigestStore digests,
    DigestComposer composer,
    IOptions<RecommenderOptions> recommender,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<DigestPlanner> logger)
{
    public async Task<IReadOnlyList<PlanOutcome>> PlanDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var outcomes = new List<PlanOutcome>();
        PaperIndex? index = null;
        foreach (Subscriber subscriber in await subscribers.ListActiveAsync(cancellationToken))
        {
            string? period = DigestSchedule.DuePeriod(subscriber, now, scheduler.Value.WeeklyDay);
            if (period is null || await digests.ExistsAsync(subscriber.Id, period, cancellationToken))
            {
                continue;
            }

            // Built once per run, and only when somebody is due.
            index ??= new PaperIndex(await papers.ListAsync(cancellationToken), recommender.Value.TitleWeight);
            (List<long> liked, List<long> disliked) = await digests.OpinionsAsync(subscriber.Id, cancellationToken);
            var profile = new InterestProfile(subscriber.Keywords, await digests.SentPaperIdsAsync(subscriber.Id, cancellationToken))
            {
                Liked = liked,
                Disliked = disliked,
            };
            IReadOnlyList<Recommendation> items = PaperRanker.Rank(index, profile, recommender.Value.ToRankingOptions(now));
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
