using Dapper;
using Microsoft.Data.Sqlite;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>The outbox's state machine: pending → sending → sent | failed | uncertain | cancelled.</summary>
public sealed class OutboxStore(SqliteConnectionFactory connections, TimeProvider time)
{
    /// <summary>Claims the oldest pending message that is ready, moving it to 'sending' before any byte is sent.</summary>
    public async Task<OutboxEntry?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        return await connection.QueryFirstOrDefaultAsync<OutboxEntry>(new CommandDefinition(
            """
            UPDATE outbox
            SET state = 'sending', attempts = attempts + 1, updated_at = @Now
            WHERE id = (
                SELECT id FROM outbox
                WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)
                ORDER BY id
                LIMIT 1)
            RETURNING id AS Id, kind AS Kind, message_id AS MessageId, recipient AS Recipient, mime AS Mime, attempts AS Attempts,
                      (SELECT status FROM subscribers s WHERE s.email = outbox.recipient) AS RecipientStatus
            """,
            new { Now = now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Queues a message that belongs to no digest (a confirmation, a notice).</summary>
    public async Task<long> EnqueueAsync(OutgoingMessage message, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outbox (kind, message_id, recipient, subject, mime, state, created_at, updated_at)
            VALUES (@Kind, @MessageId, @Recipient, @Subject, @Mime, 'pending', @Now, @Now)
            RETURNING id
            """,
            new { Kind = kind, message.MessageId, message.Recipient, message.Subject, message.Mime, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    /// <summary>How many messages other than digests were queued for an address since a moment (the confirmation-mail cap).</summary>
    public async Task<int> CountAccountMailSinceAsync(string recipient, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM outbox
            WHERE recipient = @Recipient COLLATE NOCASE AND kind <> 'digest' AND created_at >= @Since
            """,
            new { Recipient = recipient, Since = UtcText.From(since) },
            cancellationToken: cancellationToken));
    }

    public Task MarkSentAsync(long id, string? location, CancellationToken cancellationToken) =>
        UpdateAsync(id, "state = 'sent', sent_at = @Now, location = @Location, last_error = NULL", new { Location = location }, cancellationToken);

    public Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "state = 'failed', last_error = @Error", new { Error = error }, cancellationToken);

    /// <summary>The message may or may not have been delivered; it is never resent automatically.</summary>
    public Task MarkUncertainAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "state = 'uncertain', last_error = @Error", new { Error = error }, cancellationToken);

    public Task CancelAsync(long id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, "state = 'cancelled', last_error = @Error", new { Error = reason }, cancellationToken);

    public Task RetryLaterAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "state = 'pending', next_attempt_at = @At, last_error = @Error", new { At = UtcText.From(at), Error = error }, cancellationToken);

    /// <summary>
    /// A message left in 'sending' by a process that died may have reached the server; it becomes
    /// 'uncertain' instead of being sent a second time.
    /// </summary>
    public async Task<int> RecoverAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox
            SET state = 'uncertain', last_error = 'the sending process stopped before the server answered', updated_at = @Now
            WHERE state = 'sending' AND updated_at < @Before
            """,
            new { Now = UtcText.From(time.GetUtcNow()), Before = UtcText.From(time.GetUtcNow() - olderThan) },
            cancellationToken: cancellationToken));
    }

    private async Task UpdateAsync(long id, string set, object values, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(values);
        parameters.Add("Id", id);
        parameters.Add("Now", UtcText.From(time.GetUtcNow()));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET {set}, updated_at = @Now WHERE id = @Id AND state = 'sending'",
            parameters,
            cancellationToken: cancellationToken));
    }
}
