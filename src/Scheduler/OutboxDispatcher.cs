using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MimeKit;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>Sends what the outbox holds, recording each message's state before and after it is handed to the transport.</summary>
public sealed partial class OutboxDispatcher(
    OutboxStore outbox,
    SuppressionStore suppressions,
    IMailTransport transport,
    IOptions<MailOptions> options,
    DeliveryLimits limits,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(CancellationToken cancellationToken)
    {
        int recovered = await outbox.RecoverAbandonedAsync(AbandonedAfter, cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }

        // Each worker claims its own messages (the claim is atomic), so the workers never share one.
        var outcomes = new ConcurrentQueue<DispatchOutcome>();
        int workers = Math.Max(1, transport.MaxSessions);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => SendWithOneSessionAsync(outcomes, cancellationToken), cancellationToken)));

        if (limits.PerHour > 0 && await outbox.CountReadyAsync(cancellationToken) is > 0 and long waiting)
        {
            DateTimeOffset? opens = await outbox.HourlyWindowOpensAtAsync(cancellationToken);
            LogHourlyCap(limits.PerHour, waiting, opens);
        }

        return [.. outcomes.OrderBy(o => o.OutboxId)];
    }

    private async Task SendWithOneSessionAsync(ConcurrentQueue<DispatchOutcome> outcomes, CancellationToken cancellationToken)
    {
        IMailSession? session = null;
        try
        {
            while (true)
            {
                // Paced before the claim, so a message never waits in 'sending' for its turn.
                await limits.WaitForTurnAsync(cancellationToken);
                if (await outbox.ClaimNextAsync(limits.PerHour, cancellationToken) is not { } entry)
                {
                    break;
                }

                // Checked at the last moment: someone who left after the digest was planned gets nothing.
                if (await RefusalAsync(entry, cancellationToken) is { } refusal)
                {
                    await outbox.CancelAsync(entry.Id, refusal, cancellationToken);
                    outcomes.Enqueue(new DispatchOutcome(entry.Id, entry.Recipient, "cancelled", null, refusal));
                    continue;
                }

                try
                {
                    session ??= await transport.OpenAsync(cancellationToken);
                    using var stream = new MemoryStream(entry.Mime);
                    MimeMessage message = await MimeMessage.LoadAsync(stream, cancellationToken);
                    string location = await session.SendAsync(message, cancellationToken);
                    await outbox.MarkSentAsync(entry.Id, location, cancellationToken);
                    outcomes.Enqueue(new DispatchOutcome(entry.Id, entry.Recipient, "sent", location, null));
                }
                catch (DeliveryException ex)
                {
                    string state = await RecordFailureAsync(entry, ex, cancellationToken);
                    outcomes.Enqueue(new DispatchOutcome(entry.Id, entry.Recipient, state, null, ex.Message));
                    if (ex.Kind != DeliveryFailureKind.Permanent && session is not null)
                    {
                        // After a broken or refused connection, start the next message on a fresh one.
                        await session.DisposeAsync();
                        session = null;
                    }
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Why a message must not go out now, or null. A confirmation goes only to a pending subscriber (it is
    /// their own request, even from a suppressed address); everything else only to an active, unsuppressed one.
    /// </summary>
    private async Task<string?> RefusalAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Kind == "confirmation")
        {
            return entry.RecipientStatus == "pending" ? null : "the address is no longer waiting for confirmation";
        }

        if (entry.RecipientStatus != "active")
        {
            return "recipient is no longer an active subscriber";
        }

        return await suppressions.ContainsAsync(entry.Recipient, cancellationToken) ? "the address is on the suppression list" : null;
    }

    private async Task<string> RecordFailureAsync(OutboxEntry entry, DeliveryException ex, CancellationToken cancellationToken)
    {
        LogFailed(entry.MessageId, entry.Recipient, ex.Kind, ex.Message);
        switch (ex.Kind)
        {
            case DeliveryFailureKind.Permanent:
                await outbox.MarkFailedAsync(entry.Id, ex.Message, cancellationToken);
                if (ex.RecipientRejected)
                {
                    // A hard bounce: mailing the address again only hurts the sender's reputation.
                    await suppressions.AddAsync(entry.Recipient, $"hard bounce: {ex.Message}", cancellationToken);
                    LogSuppressed(entry.Recipient, ex.Message);
                }

                return "failed";
            case DeliveryFailureKind.Uncertain:
                await outbox.MarkUncertainAsync(entry.Id, ex.Message, cancellationToken);
                return "uncertain";
            default:
                if (entry.Attempts >= options.Value.MaxAttempts)
                {
                    await outbox.MarkFailedAsync(entry.Id, $"gave up after {entry.Attempts} attempts: {ex.Message}", cancellationToken);
                    return "failed";
                }

                await outbox.RetryLaterAsync(entry.Id, time.GetUtcNow() + RetryDelay(entry.Attempts), ex.Message, cancellationToken);
                return "pending";
        }
    }

    /// <summary>Exponential backoff from one minute, capped at an hour, with ±20% jitter so retries do not arrive together.</summary>
    public static TimeSpan RetryDelay(long attempts)
    {
        double minutes = Math.Min(FirstRetry.TotalMinutes * Math.Pow(2, Math.Max(0, attempts - 1)), MaxRetry.TotalMinutes);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        double jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMinutes(minutes * jitter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Recipient} is now suppressed: {Reason}")]
    private partial void LogSuppressed(string recipient, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hourly limit of {PerHour} messages is reached; {Waiting} message(s) wait until {OpensAt:u} or later")]
    private partial void LogHourlyCap(int perHour, long waiting, DateTimeOffset? opensAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {MessageId} to {Recipient} failed ({Kind}): {Error}")]
    private partial void LogFailed(string messageId, string recipient, DeliveryFailureKind kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} message(s) left in 'sending' by a stopped process are now 'uncertain' and will not be resent automatically")]
    private partial void LogRecovered(int count);
}
