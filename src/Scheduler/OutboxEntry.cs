namespace Paperboy.Scheduler;

/// <summary>A claimed outbox message, with the status of its recipient at the moment of the claim.</summary>
public sealed record OutboxEntry(long Id, string Kind, string MessageId, string Recipient, byte[] Mime, long Attempts, string? RecipientStatus);
