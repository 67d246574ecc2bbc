namespace Paperboy.Scheduler;

/// <summary>
/// A sealed message for the outbox. <see cref="Stored"/> is the message as <c>outbox_bodies</c> keeps it
/// (<see cref="StoredMime"/>: compressed when sealed, on the planner's composing threads, so that work stays out of
/// the batch's write transaction); <see cref="StoredMime.Unpack"/> gives back the exact bytes that are sent.
/// </summary>
public sealed record OutgoingMessage(string MessageId, string Recipient, string Subject, byte[] Stored);
