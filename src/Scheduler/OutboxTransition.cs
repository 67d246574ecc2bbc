namespace Paperboy.Scheduler;

/// <summary>The message whose state an update changed (none when it was no longer in the expected state).</summary>
public sealed record OutboxTransition(long Id, string MessageId, string Recipient);
