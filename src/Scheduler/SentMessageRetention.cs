using System.Data.Common;
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
    // Small enough that one statement holds the write lock briefly; a run empties at most this many per call.
    private const int MostPerRun = 20_000;

    /// <summary>Deletes the bodies that are past the retention period; returns how many.</summary>
    public async Task<int> ForgetOldBodiesAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = time.GetUtcNow() - scheduler.Value.KeepSentMessages;
        var arguments = new { Before = UtcText.From(before), Most = MostPerRun };
        // The same choice twice in one transaction (the first statement takes the write lock, so nothing changes in
        // between); it matches ix_outbox_body_sent_at (0012), so both engines read only the rows whose bodies go.
        // sent_at is only ever set together with state 'sent', which the condition checks anyway.
        const string Chosen = """
            SELECT id FROM outbox
            WHERE has_body = 1 AND sent_at < @Before AND state = 'sent'
            ORDER BY sent_at, id
            LIMIT @Most
            """;
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM outbox_bodies WHERE outbox_id IN ({Chosen})", arguments, transaction, cancellationToken: cancellationToken));
        int forgotten = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET has_body = 0 WHERE id IN ({Chosen})", arguments, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return forgotten;
    }
}
