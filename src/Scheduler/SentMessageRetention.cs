using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>
/// Empties the stored MIME of messages sent longer ago than <see cref="SchedulerOptions.KeepSentMessages"/>: the
/// body is most of a digest's storage (about 15 KB of 17 KB) and nothing reads it once it is sent. The row stays:
/// its Message-ID matches late bounces to the recipient, it counts in <c>outbox status</c>, and the send log
/// (digests, digest_items) that keeps a paper from being sent twice is not touched.
/// </summary>
public sealed class SentMessageRetention(ConnectionFactory connections, IOptions<SchedulerOptions> scheduler, TimeProvider time)
{
    // Small enough that one statement holds the write lock briefly; a run empties at most this many per call.
    private const int MostPerRun = 20_000;

    /// <summary>Empties the bodies that are past the retention period; returns how many.</summary>
    public async Task<int> ForgetOldBodiesAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = time.GetUtcNow() - scheduler.Value.KeepSentMessages;
        // The inner query matches ix_outbox_stored_sent_at (0011) exactly, so both engines read only the rows to empty;
        // sent_at is only ever set together with state 'sent', which the outer condition checks anyway.
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox SET mime = @Empty
            WHERE state = 'sent' AND id IN (
                SELECT id FROM outbox
                WHERE sent_at < @Before AND length(mime) > 0
                ORDER BY sent_at
                LIMIT @Most)
            """,
            new { Empty = Array.Empty<byte>(), Before = UtcText.From(before), Most = MostPerRun },
            cancellationToken: cancellationToken));
    }
}
