using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Storage;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>Sends what the outbox holds, recording each message's state before and after it is handed to the transport.</summary>
public sealed partial class OutboxDispatcher(
    OutboxStore outbox,
    SuppressionStore suppressions,
    ConnectionFactory connections,
    IMailTransport transport,
    IOptions<MailOptions> options,
    DeliveryLimits limits,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    // Messages one worker claims at once: a crash leaves at most this many per connection 'uncertain'.
    private const int MaxBatch = 16;

    public Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(CancellationToken cancellationToken) => DispatchAsync(null, cancellationToken);

    /// <param name="feed">When given, workers that find the queue empty wait for more until the feed completes (planning runs alongside).</param>
    /// <param name="cancellationToken">Stops the run; claimed messages not yet handed to the server go back to 'pending'.</param>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(OutboxFeed? feed, CancellationToken cancellationToken)
    {
        int recovered = await outbox.RecoverAbandonedAsync(options.Value.AbandonedAfter, cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }

        // Each worker claims its own messages (the claim is atomic), so the workers never share one. Claims come in
        // small batches (one disk sync each) split evenly, so a short queue still spreads over the connections.
        var outcomes = new ConcurrentQueue<DispatchOutcome>();
        int workers = Math.Max(1, transport.MaxSessions);
        long ready = await outbox.CountReadyAsync(cancellationToken);
        int most = limits.PerSecond > 0 ? Math.Min(MaxBatch, limits.PerSecond) : MaxBatch;
        // While planning runs alongside, the queue fills as it goes: claim full batches.
        int batch = feed is null ? (int)Math.Clamp(ready / workers, 1, most) : most;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => SendWithOneSessionAsync(batch, feed, outcomes, cancellationToken), cancellationToken)));

        if (limits.PerHour > 0 && await outbox.CountReadyAsync(cancellationToken) is > 0 and long waiting)
        {
            DateTimeOffset? opens = await outbox.HourlyWindowOpensAtAsync(cancellationToken);
            LogHourlyCap(limits.PerHour, waiting, opens);
        }

        return [.. outcomes.OrderBy(o => o.OutboxId)];
    }

    private async Task SendWithOneSessionAsync(int batch, OutboxFeed? feed, ConcurrentQueue<DispatchOutcome> outcomes, CancellationToken cancellationToken)
    {
        IMailSession? session = null;
        var recipients = new RecipientCheck(connections);
        try
        {
            while (true)
            {
                // Both read before the claim: a batch committed after it still wakes this worker, and once the feed
                // is complete, an empty claim really means an empty queue.
                Task more = feed?.Next ?? Task.CompletedTask;
                bool last = feed is null || feed.IsCompleted;
                IReadOnlyList<OutboxEntry> claimed = await outbox.ClaimBatchAsync(batch, limits.PerHour, cancellationToken);
                if (claimed.Count == 0)
                {
                    if (last)
                    {
                        break;
                    }

                    await more.WaitAsync(cancellationToken);
                    continue;
                }

                var sent = new List<(long Id, string? Location)>(claimed.Count);
                int handed = 0;
                try
                {
                    for (int i = 0; i < claimed.Count; i++)
                    {
                        OutboxEntry entry = claimed[i];
                        await limits.WaitForTurnAsync(cancellationToken);

                        // Checked at the last moment (read for the batch at most RecipientCheck.MaxAge ago): someone
                        // who left after the digest was planned gets nothing.
                        (string? status, bool suppressed) = await recipients.StatusAsync(claimed, i, cancellationToken);
                        if (Refusal(entry, status, suppressed) is { } refusal)
                        {
                            await outbox.CancelAsync(entry.Id, refusal, cancellationToken);
                            outcomes.Enqueue(new DispatchOutcome(entry.Id, entry.Recipient, "cancelled", null, refusal));
                            handed++;
                            continue;
                        }

                        // From here on the server may get the message: it is never given back to the queue.
                        handed++;
                        try
                        {
                            session ??= await transport.OpenAsync(cancellationToken);
                            string location;
                            using (StoredMessageLease lease = StoredMessage.Lease(entry.Stored))
                            {
                                location = await session.SendAsync(lease.Message, cancellationToken);
                            }

                            sent.Add((entry.Id, location));
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
                    // Recorded even when the run is stopped: these messages were accepted by the server.
                    if (sent.Count > 0)
                    {
                        await outbox.MarkSentAsync(sent, CancellationToken.None);
                    }

                    if (handed < claimed.Count)
                    {
                        await outbox.ReleaseAsync([.. claimed.Skip(handed).Select(e => e.Id)], CancellationToken.None);
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
    private static string? Refusal(OutboxEntry entry, string? status, bool suppressed)
    {
        if (entry.Kind == "confirmation")
        {
            return status == "pending" ? null : "the address is no longer waiting for confirmation";
        }

        if (status != "active")
        {
            return "recipient is no longer an active subscriber";
        }

        return suppressed ? "the address is on the suppression list" : null;
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
                    await outbox.MarkFailedAsync(entry.Id, $"gave up after {Counted.Of(entry.Attempts, "attempt")}: {ex.Message}", cancellationToken);
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
