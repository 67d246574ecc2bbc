namespace Paperboy.Scheduler;

/// <summary>One pass of the pipeline: plan the digests that are due, then send what the outbox holds.</summary>
public sealed class DigestRunner(MissedDigestReporter missed, DigestPlanner planner, OutboxDispatcher dispatcher) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<RunReport> RunDueAsync(CancellationToken cancellationToken)
    {
        // The scheduler and a command in the same process never plan the same subscriber at once.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<PlanOutcome> skipped = await missed.ReportAsync(cancellationToken);
            IReadOnlyList<PlanOutcome> plans = await planner.PlanDueAsync(cancellationToken);
            IReadOnlyList<DispatchOutcome> deliveries = await dispatcher.DispatchAsync(cancellationToken);
            return new RunReport([.. skipped, .. plans], deliveries);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
