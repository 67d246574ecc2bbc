using System.Data.Common;
using System.Text.Json;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>The outbox's state machine: pending → sending → sent | failed | uncertain | cancelled.</summary>
public sealed class OutboxStore(ConnectionFactory connections, TimeProvider time, ILogger<OutboxStore> logger)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // Any fixed number: the PostgreSQL advisory lock that claimers under an hourly cap take turns on.
    private const long HourlyCapLock = 0x6f7574626f78;

    /// <summary>
    /// Claims up to <paramref name="batch"/> of the oldest ready messages, but never past <paramref name="perHour"/>
    /// messages (0 = no cap) handed to the transport in the last hour. The count and the claim are one statement,
    /// so processes sharing the database never claim past the cap together; one commit covers the whole batch.
    /// The recipients' status is not read here but by <see cref="RecipientCheck"/>, just before each send. (It
    /// was read here too, unused: in RETURNING, SQLite planned that subquery as a scan of all subscribers for
    /// every claimed message, so each claim's cost grew with the subscriber count.)
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimBatchAsync(int batch, int perHour, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        string limit = perHour > 0
            ? connections.Sql(
                sqlite: "MAX(0, MIN(@Batch, @PerHour - (SELECT COUNT(*) FROM outbox WHERE last_attempt_at > @HourAgo)))",
                postgres: "GREATEST(0, LEAST(@Batch, @PerHour - (SELECT COUNT(*) FROM outbox WHERE last_attempt_at > @HourAgo)))")
            : "@Batch";
        // PostgreSQL: concurrent claimers (workers, nodes) skip each other's rows instead of claiming them twice;
        // SQLite has one writer at a time, so its statement is already atomic.
        string skipClaimed = connections.Sql(sqlite: "", postgres: "FOR UPDATE SKIP LOCKED");
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (perHour > 0 && connections.Provider == DatabaseProvider.Postgres)
        {
            // Concurrent PostgreSQL statements each count the hour before the others commit: under a cap,
            // claimers (on any node) take turns, holding this lock until their claim commits.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = HourlyCapLock }, transaction, cancellationToken: cancellationToken));
        }

        List<OutboxEntry> entries = [.. await connection.QueryAsync<OutboxEntry>(new CommandDefinition(
            // MATERIALIZED: the choice runs once. As a plain IN (subquery), PostgreSQL may plan a nested-loop semi-join
            // that runs the subquery again for every outbox row; each rerun skips the rows this statement already
            // locked and returns the next ones, so the LIMIT (the batch, the hourly cap) was not kept.
            $"""
            WITH chosen AS MATERIALIZED (
                SELECT id FROM outbox
                WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)
                ORDER BY id
                LIMIT {limit}
                {skipClaimed})
            UPDATE outbox
            SET state = 'sending', attempts = attempts + 1, updated_at = @Now, last_attempt_at = @Now
            WHERE id IN (SELECT id FROM chosen)
            AND state = 'pending'
            RETURNING id AS Id, kind AS Kind, message_id AS MessageId, recipient AS Recipient,
                      (SELECT mime FROM outbox_bodies b WHERE b.outbox_id = outbox.id) AS Stored, attempts AS Attempts
            """,
            new { Now = UtcText.From(now), HourAgo = UtcText.From(now - Hour), PerHour = perHour, Batch = batch },
            transaction,
            cancellationToken: cancellationToken))];
        await transaction.CommitAsync(cancellationToken);
        entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (OutboxEntry entry in entries)
        {
            OutboxLog.StateChanged(logger, new OutboxTransition(entry.Id, entry.MessageId, entry.Recipient), "pending", "sending", $"attempt {entry.Attempts}");
        }

        return entries;
    }

    /// <summary>
    /// Records many accepted messages in one statement and one commit. On SQLite the commit is not synced to disk
    /// (<c>synchronous = NORMAL</c>, WAL): a process crash cannot lose it, and if a power cut does, the
    /// messages stay 'sending' and become 'uncertain' — never sent again, as when the process dies before this
    /// commit. The claim that precedes every send stays fully synced, since losing it could resend a message.
    /// </summary>
    public async Task MarkSentAsync(IReadOnlyList<(long Id, string? Location)> sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        bool sqlite = connections.Provider == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL", cancellationToken: cancellationToken));
        }

        string now = UtcText.From(time.GetUtcNow());
        List<(long Id, string MessageId, string Recipient, string? Location)> changed;
        try
        {
            changed = [.. await connection.QueryAsync<(long, string, string, string?)>(new CommandDefinition(
                connections.Sql(
                    sqlite: """
                    UPDATE outbox SET state = 'sent', sent_at = @Now, location = j.value ->> 1, last_error = NULL, updated_at = @Now
                    FROM json_each(@Sent) AS j
                    WHERE outbox.id = j.value ->> 0 AND outbox.state = 'sending'
                    RETURNING outbox.id, outbox.message_id, outbox.recipient, outbox.location
                    """,
                    postgres: """
                    UPDATE outbox SET state = 'sent', sent_at = @Now, location = j.location, last_error = NULL, updated_at = @Now
                    FROM unnest(@Ids, @Locations) AS j(id, location)
                    WHERE outbox.id = j.id AND outbox.state = 'sending'
                    RETURNING outbox.id, outbox.message_id, outbox.recipient, outbox.location
                    """),
                sqlite
                    ? (object)new { Sent = JsonSerializer.Serialize(sent.Select(s => new object?[] { s.Id, s.Location })), Now = now }
                    : new { Ids = sent.Select(s => s.Id).ToArray(), Locations = sent.Select(s => s.Location).ToArray(), Now = now },
                cancellationToken: cancellationToken))];
        }
        finally
        {
            if (sqlite)
            {
                // The connection goes back to the pool: every other statement keeps the default, fully synced commits.
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = FULL", cancellationToken: CancellationToken.None));
            }
        }

        foreach ((long id, string messageId, string recipient, string? location) in changed.OrderBy(m => m.Id))
        {
            OutboxLog.StateChanged(logger, new OutboxTransition(id, messageId, recipient), "sending", "sent", location ?? "accepted");
        }
    }

    /// <summary>Gives claimed messages that were never handed to the transport back to the queue, as if never claimed.</summary>
    public async Task ReleaseAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        List<OutboxTransition> released = [.. await connection.QueryAsync<OutboxTransition>(new CommandDefinition(
            $"""
            UPDATE outbox SET state = 'pending', attempts = attempts - 1, last_attempt_at = NULL, updated_at = @Now
            WHERE id {connections.AnyOf("Ids")} AND state = 'sending'
            RETURNING id AS Id, message_id AS MessageId, recipient AS Recipient
            """,
            new { Ids = ids.ToArray(), Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken))];
        foreach (OutboxTransition message in released)
        {
            OutboxLog.StateChanged(logger, message, "sending", "pending", "released unsent when the run stopped");
        }
    }

    /// <summary>Messages waiting that are ready to go now (what an hourly cap holds back).</summary>
    public async Task<long> CountReadyAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)",
            new { Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    /// <summary>When the oldest attempt inside the last hour leaves the window, i.e. when an hourly cap lets one more through.</summary>
    public async Task<DateTimeOffset?> HourlyWindowOpensAtAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        string? oldest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(last_attempt_at) FROM outbox WHERE last_attempt_at > @HourAgo",
            new { HourAgo = UtcText.From(time.GetUtcNow() - Hour) },
            cancellationToken: cancellationToken));
        return oldest is null ? null : UtcText.Parse(oldest) + Hour;
    }

    /// <summary>Queues a message that belongs to no digest (a confirmation, a notice).</summary>
    public async Task<long> EnqueueAsync(OutgoingMessage message, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outbox (kind, message_id, recipient, subject, state, created_at, updated_at)
            VALUES (@Kind, @MessageId, @Recipient, @Subject, 'pending', @Now, @Now)
            RETURNING id
            """,
            new { Kind = kind, message.MessageId, message.Recipient, message.Subject, Now = UtcText.From(time.GetUtcNow()) },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO outbox_bodies (outbox_id, mime) VALUES (@Id, @Mime)", new { Id = id, Mime = message.Stored }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>How many messages other than digests were queued for an address since a moment (the confirmation-mail cap).</summary>
    public async Task<int> CountAccountMailSinceAsync(string recipient, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
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
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        Dictionary<string, long> counts = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM outbox GROUP BY state", cancellationToken: cancellationToken))).ToDictionary(r => r.State, r => r.Count);
        string? oldest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'", cancellationToken: cancellationToken));
        return new OutboxStatus(counts, oldest is null ? null : UtcText.Parse(oldest));
    }

    public async Task<IReadOnlyList<OutboxSummary>> ListAsync(string state, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
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
    /// <summary>
    /// Makes a failed, uncertain or cancelled message pending again. Returns the state it was in (null when there is
    /// no such message) and whether it was made pending: a message in any other state is left as it is.
    /// </summary>
    public async Task<(string? State, bool Retried)> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT state FROM outbox WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        OutboxTransition? retried = null;
        if (previous is "failed" or "uncertain" or "cancelled")
        {
            retried = await connection.QuerySingleAsync<OutboxTransition>(new CommandDefinition(
                """
                UPDATE outbox SET state = 'pending', next_attempt_at = NULL, attempts = 0, updated_at = @Now WHERE id = @Id
                RETURNING id AS Id, message_id AS MessageId, recipient AS Recipient
                """,
                new { Id = id, Now = UtcText.From(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (retried is not null)
        {
            OutboxLog.StateChanged(logger, retried, previous!, "pending", "the operator asked to send it again");
        }

        return (previous, retried is not null);
    }

    public Task MarkSentAsync(long id, string? location, CancellationToken cancellationToken) =>
        UpdateAsync(id, "sent", "state = 'sent', sent_at = @Now, location = @Location, last_error = NULL", new { Location = location }, location ?? "accepted", cancellationToken);

    public Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "failed", "state = 'failed', last_error = @Error", new { Error = error }, error, cancellationToken);

    /// <summary>The message may or may not have been delivered; it is never resent automatically.</summary>
    public Task MarkUncertainAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "uncertain", "state = 'uncertain', last_error = @Error", new { Error = error }, error, cancellationToken);

    /// <summary>Nothing went out, so the attempt does not count against the hourly cap.</summary>
    public Task CancelAsync(long id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, "cancelled", "state = 'cancelled', last_error = @Error, last_attempt_at = NULL", new { Error = reason }, reason, cancellationToken);

    public Task RetryLaterAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        UpdateAsync(
            id, "pending", "state = 'pending', next_attempt_at = @At, last_error = @Error", new { At = UtcText.From(at), Error = error }, $"retry at {UtcText.From(at)}: {error}", cancellationToken);

    /// <summary>
    /// A message left in 'sending' by a process that died may have reached the server; it becomes
    /// 'uncertain' instead of being sent a second time.
    /// </summary>
    public async Task<int> RecoverAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        const string Reason = "the sending process stopped before the server answered";
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        List<OutboxTransition> recovered = [.. await connection.QueryAsync<OutboxTransition>(new CommandDefinition(
            """
            UPDATE outbox
            SET state = 'uncertain', last_error = @Reason, updated_at = @Now
            WHERE state = 'sending' AND updated_at < @Before
            RETURNING id AS Id, message_id AS MessageId, recipient AS Recipient
            """,
            new { Reason, Now = UtcText.From(time.GetUtcNow()), Before = UtcText.From(time.GetUtcNow() - olderThan) },
            cancellationToken: cancellationToken))];
        foreach (OutboxTransition message in recovered)
        {
            OutboxLog.StateChanged(logger, message, "sending", "uncertain", Reason);
        }

        return recovered.Count;
    }

    private async Task UpdateAsync(long id, string toState, string set, object values, string reason, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(values);
        parameters.Add("Id", id);
        parameters.Add("Now", UtcText.From(time.GetUtcNow()));
        OutboxTransition? changed = await connection.QuerySingleOrDefaultAsync<OutboxTransition>(new CommandDefinition(
            $"""
            UPDATE outbox SET {set}, updated_at = @Now WHERE id = @Id AND state = 'sending'
            RETURNING id AS Id, message_id AS MessageId, recipient AS Recipient
            """,
            parameters,
            cancellationToken: cancellationToken));
        if (changed is not null)
        {
            OutboxLog.StateChanged(logger, changed, "sending", toState, reason);
        }
    }
}
