using Paperboy.Storage;

namespace Paperboy.Scheduler;

/// <summary>
/// How a send-due run that Quartz started on one node reaches the others: the node it fired on writes the moment
/// into <c>runtime_state</c>, and every node's <see cref="ClusterParticipant"/> that sees a new value joins the
/// run. Quartz keeps deciding when (one firing per interval, its misfire policy); the nodes share the work.
/// </summary>
public sealed class SendDueAnnouncement(RuntimeState state, ConnectionFactory connections, TimeProvider time)
{
    private const string Key = "send-due.announced";

    /// <summary>Tells the other nodes that a run starts now (nothing to tell on SQLite, where one service runs).</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        if (connections.Provider == DatabaseProvider.Postgres)
        {
            // A random part keeps two announcements within one clock tick apart.
            string value = $"{UtcText.From(time.GetUtcNow())} {Guid.NewGuid():N}";
            Own = value;
            await state.SetAsync(Key, value, cancellationToken);
        }
    }

    /// <summary>The latest announcement made by this process: its own run, which this node does not join again.</summary>
    public string? Own { get; private set; }

    /// <summary>The latest announcement, or null when no run was ever announced.</summary>
    public Task<string?> LatestAsync(CancellationToken cancellationToken) => state.GetAsync(Key, cancellationToken);
}
