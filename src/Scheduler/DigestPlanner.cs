using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Chooses the digests that are due and writes each one, with its send log and message, to the database.
/// Nothing is sent here: the outbox dispatcher sends what this stored.
/// </summary>
/// <remarks>
/// Works in batches of <see cref="SchedulerOptions.PlanBatchSize"/> due subscribers: one query finds which
/// already have their digest, two read the batch's histories, ranking and rendering run on every core, and
/// the batch is written in one transaction (one disk sync instead of one per digest). The UNIQUE
/// (subscriber, period) key still decides for each digest inside the batch.
/// </remarks>
public sealed partial class DigestPlanner(
    SubscriberRanking ranking,
    SubscriberStore subscribers,
    DigestStore digests,
    PlanLeases leases,
    DigestComposer composer,
    SuppressionStore suppressions,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<DigestPlanner> logger)
{
    public Task<IReadOnlyList<PlanOutcome>> PlanDueAsync(CancellationToken cancellationToken) => PlanDueAsync(null, cancellationToken);

    /// <param name="batchSaved">Called after each batch is committed (the runner wakes the dispatcher with it).</param>
    /// <param name="cancellationToken">Stops between batches; a batch being written is rolled back.</param>
    public async Task<IReadOnlyList<PlanOutcome>> PlanDueAsync(Action? batchSaved, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var outcomes = new List<PlanOutcome>();
        HashSet<string> suppressed = await suppressions.HashesAsync(cancellationToken);
        await leases.PruneAsync(cancellationToken);
        // No digest, and so no send-log entries, for mail that could not be sent.
        IEnumerable<(Subscriber Subscriber, string Period)> due = (await subscribers.ListActiveAsync(cancellationToken))
            .Where(s => !suppressed.Contains(SubscriberStore.EmailHash(s.Email)))
            .Select(s => (Subscriber: s, Period: DigestSchedule.DuePeriod(s, now, scheduler.Value.WeeklyDay)))
            .Where(d => d.Period is not null)
            .Select(d => (d.Subscriber, d.Period!));

        // Three stages, one batch each, at most one batch waiting between two of them: the next batch's checks,
        // lease and histories are read (mostly waiting, often for the write lock the saving stage holds) while one
        // batch is ranked and rendered (on every core) and the one before it is written (one connection, mostly one
        // core). A failed write stops the other two; a failed read or compose still lets the batches before it be
        // written, as one loop would.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Channel.CreateBounded<PreparedBatch>(1);
        var composed = Channel.CreateBounded<ComposedBatch>(1);
        Task saving = SaveAllAsync(composed.Reader, outcomes, batchSaved, stop, cancellationToken);
        Task preparing = PrepareAllAsync(due, prepared.Writer, stop, cancellationToken);
        try
        {
            await ComposeAllAsync(prepared.Reader, composed.Writer, now, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another stage failed and stopped this one: its error is the one reported, below.
        }
        catch
        {
            await stop.CancelAsync();
            composed.Writer.TryComplete();
            await DrainAsync(prepared.Reader, preparing, p => p.Lease);
            await DrainAsync(composed.Reader, saving, c => c.Lease);
            throw;
        }

        composed.Writer.TryComplete();
        await DrainAsync(prepared.Reader, preparing, p => p.Lease);
        await DrainAsync(composed.Reader, saving, c => c.Lease);
        await saving;
        await preparing;
        return outcomes;
    }

    private async Task PrepareAllAsync(
        IEnumerable<(Subscriber Subscriber, string Period)> due, ChannelWriter<PreparedBatch> batches, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        // Yields first, so the caller goes on to start the composing stage.
        await Task.Yield();
        try
        {
            PaperIndex? index = null;
            foreach ((Subscriber Subscriber, string Period)[] chunk in due.Chunk(scheduler.Value.PlanBatchSize))
            {
                HashSet<(long, string)> planned = await digests.PlannedAsync([.. chunk.Select(d => (d.Subscriber.Id, d.Period))], stop.Token);
                // Other nodes sharing the database skip what this one leased, so N nodes divide the work. Not cancelled
                // midway: a claim committed but cancelled before it returned would hold its pairs until the lease ran out.
                PlanLease lease = await leases.ClaimAsync([.. chunk.Where(d => !planned.Contains((d.Subscriber.Id, d.Period)))], CancellationToken.None);
                bool handedOver = false;
                try
                {
                    stop.Token.ThrowIfCancellationRequested();
                    if (lease.Pairs.Length == 0)
                    {
                        continue;
                    }

                    // Read again now that this node holds them: another node that stored one of them between the read
                    // above and the claim has also ended its lease, so the claim took it; its digest is visible now.
                    HashSet<(long, string)> plannedMeanwhile = await digests.PlannedAsync([.. lease.Pairs.Select(d => (d.Subscriber.Id, d.Period))], stop.Token);
                    (Subscriber Subscriber, string Period)[] open = [.. lease.Pairs.Where(d => !plannedMeanwhile.Contains((d.Subscriber.Id, d.Period)))];
                    if (open.Length == 0)
                    {
                        continue;
                    }

                    // Built once per run, and only when somebody is due.
                    index ??= await ranking.IndexAsync(stop.Token);
                    Dictionary<long, SubscriberHistory> histories = await digests.HistoriesAsync([.. open.Select(d => d.Subscriber.Id)], stop.Token);
                    await batches.WriteAsync(new PreparedBatch(lease, open, index, histories), stop.Token);
                    handedOver = true;
                }
                finally
                {
                    if (!handedOver)
                    {
                        await lease.DisposeAsync();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another stage failed and stopped this one: its error is the one reported.
        }
        finally
        {
            // On a failed read too: the batches read before it are still composed and written, as one loop would.
            batches.TryComplete();
        }
    }

    private async Task ComposeAllAsync(ChannelReader<PreparedBatch> prepared, ChannelWriter<ComposedBatch> batches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await foreach (PreparedBatch batch in prepared.ReadAllAsync(cancellationToken))
        {
            bool handedOver = false;
            try
            {
                NewDigest?[] digestsOfBatch = Compose(batch.Index, batch.Open, batch.Histories, now, cancellationToken);
                await batches.WriteAsync(new ComposedBatch(batch.Lease, batch.Open, digestsOfBatch), cancellationToken);
                handedOver = true;
            }
            finally
            {
                if (!handedOver)
                {
                    await batch.Lease.DisposeAsync();
                }
            }
        }
    }

    private async Task SaveAllAsync(
        ChannelReader<ComposedBatch> batches, List<PlanOutcome> outcomes, Action? batchSaved, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ComposedBatch composed in batches.ReadAllAsync(cancellationToken))
            {
                await using PlanLease lease = composed.Lease;
                List<NewDigest> batch = [.. composed.Digests.OfType<NewDigest>()];
                IReadOnlyList<long?> outboxIds = await digests.SaveBatchAsync(batch, cancellationToken);
                if (batch.Count > 0)
                {
                    batchSaved?.Invoke();
                }

                Record(composed.Open, composed.Digests, outboxIds, outcomes);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Once <paramref name="stage"/> (the other end of a channel the composing stage has stopped using) has ended or
    /// failed: ends the leases of the batches still in the channel, which nobody will take now.
    /// </summary>
    private static async Task DrainAsync<T>(ChannelReader<T> batches, Task stage, Func<T, PlanLease> lease)
    {
        try
        {
            await stage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Reported by the caller's own await of the same task, or superseded by another stage's error.
        }

        while (batches.TryRead(out T? left))
        {
            await lease(left).DisposeAsync();
        }
    }

    private void Record(
        (Subscriber Subscriber, string Period)[] open, NewDigest?[] composed, IReadOnlyList<long?> outboxIds, List<PlanOutcome> outcomes)
    {
        int saved = 0;
        for (int i = 0; i < open.Length; i++)
        {
            (Subscriber subscriber, string period) = open[i];
            if (composed[i] is not { } digest)
            {
                LogNothingNew(subscriber.Id, period);
                outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, 0, null, "no new paper above the relevance threshold"));
            }
            else if (outboxIds[saved++] is { } outboxId)
            {
                LogPlanned(subscriber.Id, period, digest.Items.Count);
                outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, digest.Items.Count, outboxId, "queued"));
            }
            else
            {
                // Work done twice: another node stored it after this one's lease ran out (Scheduler:PlanLease).
                LogAlreadyPlanned(subscriber.Id, period);
                outcomes.Add(new PlanOutcome(subscriber.Id, subscriber.Email, period, 0, null, "already planned by another run"));
            }
        }
    }

    /// <summary>Ranks and renders a batch on every core; null where nothing is above the threshold (no digest, no row).</summary>
    private NewDigest?[] Compose(
        PaperIndex index,
        (Subscriber Subscriber, string Period)[] open,
        Dictionary<long, SubscriberHistory> histories,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var composed = new NewDigest?[open.Length];
        try
        {
            Parallel.For(
            0,
            open.Length,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                (Subscriber subscriber, string period) = open[i];
                IReadOnlyList<Recommendation> items = ranking.Rank(index, subscriber, histories[subscriber.Id], now);
                composed[i] = items.Count == 0 ? null : composer.Compose(subscriber, period, items, now);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            // The same error a one-at-a-time loop would throw (a template error, say), not a wrapper around it.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        return composed;
    }

    /// <summary>A leased batch, the pairs of it still without a digest, and what ranking them needs, on its way to being composed.</summary>
    private sealed record PreparedBatch(PlanLease Lease, (Subscriber Subscriber, string Period)[] Open, PaperIndex Index, Dictionary<long, SubscriberHistory> Histories);

    /// <summary>A ranked and rendered batch on its way to being written, with the lease that keeps other nodes off it.</summary>
    private sealed record ComposedBatch(PlanLease Lease, (Subscriber Subscriber, string Period)[] Open, NewDigest?[] Digests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period} for subscriber {SubscriberId}: {Count} papers queued")]
    private partial void LogPlanned(long subscriberId, string period, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period} for subscriber {SubscriberId}: already planned by another run")]
    private partial void LogAlreadyPlanned(long subscriberId, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period} for subscriber {SubscriberId}: nothing new above the threshold, not sent")]
    private partial void LogNothingNew(long subscriberId, string period);
}
