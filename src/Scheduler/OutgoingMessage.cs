namespace Paperboy.Scheduler;

/// <summary>A message as stored in the outbox: <see cref="Mime"/> holds the exact bytes that will be sent.</summary>
public sealed record OutgoingMessage(string MessageId, string Recipient, string Subject, byte[] Mime)
{
    /// <summary>
    /// What <c>outbox_bodies</c> keeps (<see cref="StoredMime"/>). Made here, when the message is sealed on the
    /// planner's composing threads, so the compression stays out of the batch's write transaction.
    /// </summary>
    public byte[] Stored { get; } = StoredMime.Pack(Mime);
}
