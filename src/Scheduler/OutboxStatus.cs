namespace Paperboy.Scheduler;

public sealed record OutboxStatus(IReadOnlyDictionary<string, long> Counts, DateTimeOffset? OldestPendingAt)
{
    public long Count(string state) => Counts.GetValueOrDefault(state);
}
