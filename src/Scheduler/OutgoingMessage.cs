namespace Paperboy.Scheduler;

/// <summary>A message as stored in the outbox: the exact bytes that will be sent.</summary>
public sealed record OutgoingMessage(string MessageId, string Recipient, string Subject, byte[] Mime);
