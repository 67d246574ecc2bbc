namespace Paperboy.Scheduler;

/// <summary>One structured event for every change of an outbox message's state.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5100, Message = "Outbox {OutboxId} {MessageId} to {Recipient}: {FromState} -> {ToState} ({Reason})")]
    public static partial void StateChanged(
        ILogger logger, LogLevel level, long outboxId, string messageId, string recipient, string fromState, string toState, string reason);

    public static void StateChanged(ILogger logger, OutboxTransition transition, string fromState, string toState, string reason) =>
        StateChanged(
            logger,
            // Failures are also logged as warnings by the dispatcher; this is the audit trail.
            LogLevel.Information,
            transition.Id,
            transition.MessageId,
            transition.Recipient,
            fromState,
            toState,
            reason);
}
