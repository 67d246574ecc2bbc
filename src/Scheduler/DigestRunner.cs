namespace Paperboy.Scheduler;

/// <summary>One pass of the pipeline: plan the digests that are due, then send what the outbox holds.</summary>
public sealed class DigestRunner(MissedDigestReporter missed, DigestPlanner planner, OutboxDispatcher dispatcher, SentMessageRetention retention) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<RunReport> RunDueAsync(CancellationToken cancellationToken)
    {
        // The scheduler and a command in the same process never plan the same subscriber at once.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<PlanOutcome> skipped = await missed.ReportAsync(cancellationToken);
            // Sending starts with the first committed batch instead of after the last one: planning (CPU) and
            // sending (mostly waiting on the server) overlap. Each digest is still committed before it can be claimed.
            var feed = new OutboxFeed();
            Task<IReadOnlyList<DispatchOutcome>> sending = dispatcher.DispatchAsync(feed, cancellationToken);
            IReadOnlyList<PlanOutcome> plans;
            try
            {
                plans = await planner.PlanDueAsync(feed.Signal, cancellationToken);
            }
            catch
            {
                // What was committed goes out before the error is reported, and no send outlives the run.
                feed.Complete();
                await sending;
                throw;
            }

            feed.Complete();
            IReadOnlyList<DispatchOutcome> deliveries = await sending;
            await retention.ForgetOldBodiesAsync(cancellationToken);
            return new RunReport([.. skipped, .. plans], deliveries);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
