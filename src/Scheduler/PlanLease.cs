using System.Data.Common;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>A batch of due (subscriber, period) pairs this node leased (<see cref="PlanLeases.ClaimAsync"/>); disposing it ends the lease.</summary>
public sealed class PlanLease : IAsyncDisposable
{
    private readonly PlanLeases _leases;

    internal PlanLease(PlanLeases leases, (Subscriber Subscriber, string Period)[] pairs)
    {
        _leases = leases;
        Pairs = pairs;
    }

    /// <summary>The pairs this node may plan now; pairs leased by another node are not among them.</summary>
    public (Subscriber Subscriber, string Period)[] Pairs { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Also when the batch failed or the run was stopped: the next run, on any node, plans it at once.
            await _leases.ReleaseAsync(Pairs, CancellationToken.None);
        }
        catch (DbException)
        {
            // The database is unreachable (likely why the batch failed): the lease then simply runs out
            // (Scheduler:PlanLease), and the error that stopped the batch is the one reported.
        }
    }
}
