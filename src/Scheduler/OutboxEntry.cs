namespace Paperboy.Scheduler;

/// <summary>A claimed outbox message: what the dispatcher needs to send it (the recipient's status is read by <see cref="RecipientCheck"/>).</summary>
public sealed record OutboxEntry(long Id, string Kind, string MessageId, string Recipient, byte[] Stored, long Attempts);
