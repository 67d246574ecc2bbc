using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>
/// The per-second send pace (<c>Mail:RateLimit:PerSecond</c>) kept in the database, so it holds for all nodes
/// together on PostgreSQL. One row holds the next free send slot; a node reserves a few consecutive slots at a time
/// (one short transaction with the row locked), spaced 1/PerSecond apart, and sends each message at its slot.
/// Slots are never given back: a node that reserved more than it sends only slows the cluster a little.
/// </summary>
public sealed class SharedPace(ConnectionFactory connections, TimeProvider time) : IDisposable
{
    // A slot more than this far in the past when its message is ready is dropped, not used: using it would send
    // faster than the pace in the present second.
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _slots = new();

    /// <summary>Waits for this node's next reserved slot, reserving more when none is left.</summary>
    public async ValueTask WaitForSlotAsync(int perSecond, CancellationToken cancellationToken)
    {
        DateTimeOffset slot;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (_slots.TryPeek(out DateTimeOffset next) && next < time.GetUtcNow() - Stale)
            {
                _slots.Dequeue();
            }

            if (_slots.Count == 0)
            {
                // A quarter of a second's worth at a time (1 to 16 slots): few round trips, little left unused.
                foreach (DateTimeOffset reserved in await ReserveAsync(Math.Clamp(perSecond / 4, 1, 16), perSecond, cancellationToken))
                {
                    _slots.Enqueue(reserved);
                }
            }

            slot = _slots.Dequeue();
        }
        finally
        {
            _gate.Release();
        }

        TimeSpan wait = slot - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive send slots for this node: from the next free slot, or from now
    /// when the cluster has been idle (unused time does not build up a burst).
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ReserveAsync(int count, int perSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        TimeSpan spacing = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        // PostgreSQL: the row lock makes concurrent reservations (other workers, other nodes) wait their turn.
        string next = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            connections.Sql(
                sqlite: "SELECT next_slot_at FROM send_pace WHERE id = 1",
                postgres: "SELECT next_slot_at FROM send_pace WHERE id = 1 FOR UPDATE"),
            transaction: transaction,
            cancellationToken: cancellationToken)) ?? throw new InvalidOperationException("send_pace has no row (migration 0010)");
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset first = UtcText.Parse(next) is var free && free > now ? free : now;
        DateTimeOffset[] slots = [.. Enumerable.Range(0, count).Select(i => first + (spacing * i))];
        // Stored to the millisecond, rounded up, so a reservation is never shorter than it was: above 16,000 a second
        // (16 slots within one millisecond) the shared pace is slower than configured, never faster.
        DateTimeOffset after = first + (spacing * count);
        long ticks = (after.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_pace SET next_slot_at = @Next WHERE id = 1",
            new { Next = UtcText.From(new DateTimeOffset(ticks, TimeSpan.Zero)) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return slots;
    }

    public void Dispose() => _gate.Dispose();
}
