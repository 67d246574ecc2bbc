using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>
/// Deletes the stored MIME of messages sent longer ago than <see cref="SchedulerOptions.KeepSentMessages"/>: the
/// body is most of a digest's storage (about 15 KB of 17 KB) and nothing reads it once it is sent. The row stays:
/// its Message-ID matches late bounces to the recipient, it counts in <c>outbox status</c>, and the send log
/// (digests, digest_items) that keeps a paper from being sent twice is not touched.
/// </summary>
public sealed class SentMessageRetention(ConnectionFactory connections, IOptions<SchedulerOptions> scheduler, TimeProvider time)
{
    // Small enough that a run holds the write lock briefly; a run deletes at most this many bodies.
    private const int MostPerRun = 20_000;

    /// <summary>Deletes the bodies that are past the retention period; returns how many.</summary>
    public async Task<int> ForgetOldBodiesAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = time.GetUtcNow() - scheduler.Value.KeepSentMessages;
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The flags first, then exactly the bodies of the rows this statement changed: two nodes running this at once
        // on PostgreSQL may choose the same rows, and the one that waited skips those (has_body is 0 by then) instead
        // of flagging rows whose bodies it did not delete. The inner query matches ix_outbox_body_sent_at (0012), so
        // both engines read only the rows whose bodies go; sent_at is only ever set together with state 'sent'.
        long[] forgotten = [.. await connection.QueryAsync<long>(new CommandDefinition(
            """
            UPDATE outbox SET has_body = 0
            WHERE has_body = 1 AND id IN (
                SELECT id FROM outbox
                WHERE has_body = 1 AND sent_at < @Before AND state = 'sent'
                ORDER BY sent_at, id
                LIMIT @Most)
            RETURNING id
            """,
            new { Before = UtcText.From(before), Most = MostPerRun },
            transaction,
            cancellationToken: cancellationToken))];
        if (forgotten.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                connections.Sql(
                    sqlite: "DELETE FROM outbox_bodies WHERE outbox_id IN (SELECT value FROM json_each(@Ids))",
                    postgres: "DELETE FROM outbox_bodies WHERE outbox_id = ANY(@Ids)"),
                new { Ids = connections.Provider == DatabaseProvider.Postgres ? (object)forgotten : JsonSerializer.Serialize(forgotten) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return forgotten.Length;
    }
}
