namespace Paperboy.Scheduler;

/// <summary>What happened to one outbox message in a dispatch run; State is the outbox state it ended in.</summary>
public sealed record DispatchOutcome(long OutboxId, string Recipient, string State, string? Location, string? Error);
