namespace Paperboy.Scheduler;

/// <summary>What planning decided for one subscriber: a digest of some papers in the outbox, or why none.</summary>
public sealed record PlanOutcome(long SubscriberId, string Email, string Period, int Papers, long? OutboxId, string Note);
