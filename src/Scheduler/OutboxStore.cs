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

    /// <summary>Messages by state, and when the oldest message still waiting to go out was queued.</summary>
    public async Task<OutboxStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        Dictionary<string, long> counts = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM outbox GROUP BY state", cancellationToken: cancellationToken))).ToDictionary(r => r.State, r => r.Count);
        string? oldest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'", cancellationToken: cancellationToken));
        return new OutboxStatus(counts, oldest is null ? null : UtcText.Parse(oldest));
    }

    public async Task<IReadOnlyList<OutboxSummary>> ListAsync(string state, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<OutboxSummary>(new CommandDefinition(
            """
            SELECT id AS Id, kind AS Kind, recipient AS Recipient, subject AS Subject, state AS State, attempts AS Attempts,
                   last_error AS LastError, updated_at AS UpdatedAt
            FROM outbox WHERE state = @State ORDER BY id
            """,
            new { State = state },
            cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// The operator's decision to send a failed, uncertain or cancelled message again (an uncertain one may then
    /// arrive twice). Returns the state it left, or null when there is no such message or it cannot be retried.
    /// </summary>
    public async Task<string?> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        string? previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT state FROM outbox WHERE id = @Id AND state IN ('failed', 'uncertain', 'cancelled')", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (previous is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, attempts = 0, updated_at = @Now WHERE id = @Id",
                new { Id = id, Now = UtcText.From(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return previous;
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
