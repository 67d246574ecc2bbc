using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Paperboy.Storage;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Divides digest planning between the nodes that share one database. Before a node ranks and renders a batch
/// it leases the batch's (subscriber, period) pairs; pairs another node holds are left to that node. A lease
/// ends when the batch is stored, or after <see cref="SchedulerOptions.PlanLease"/> when its node died, and
/// then any node may take the pair again. Leases divide work only: the UNIQUE (subscriber, period) key of
/// the digest is still what makes a digest exist at most once, even when a slow node outlives its lease.
/// </summary>
public sealed class PlanLeases(ConnectionFactory connections, IOptions<SchedulerOptions> scheduler, TimeProvider time)
{
    // Expired leases of periods nobody planned again (the period ended) are kept this long, for the operator to see.
    private static readonly TimeSpan KeepExpired = TimeSpan.FromDays(1);

    /// <summary>This process in the lease table: host, process id and a random part (a restarted process is someone else).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Leases what nobody else holds of <paramref name="due"/>. The lease's <see cref="PlanLease.Pairs"/> are those,
    /// in the given order; disposing it ends the lease (when the batch is stored, or failed).
    /// </summary>
    public async Task<PlanLease> ClaimAsync((Subscriber Subscriber, string Period)[] due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (due.Length == 0)
        {
            return new PlanLease(this, due);
        }

        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        // One statement: a pair is inserted, or taken over when its lease has expired; a pair held by a live lease
        // is neither changed nor returned. Concurrent claims of one pair on PostgreSQL wait for each other's commit.
        IEnumerable<(long SubscriberId, string Period)> rows = await connection.QueryAsync<(long, string)>(new CommandDefinition(
            connections.Sql(
                sqlite: """
                INSERT INTO plan_leases (subscriber_id, period, owner, expires_at)
                SELECT j.value ->> 0, j.value ->> 1, @Owner, @Expires FROM json_each(@Pairs) AS j WHERE true
                ON CONFLICT (subscriber_id, period) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE plan_leases.expires_at <= @Now
                RETURNING subscriber_id, period
                """,
                postgres: """
                INSERT INTO plan_leases (subscriber_id, period, owner, expires_at)
                SELECT j.subscriber_id, j.period, @Owner, @Expires FROM unnest(@SubscriberIds, @Periods) AS j(subscriber_id, period)
                ON CONFLICT (subscriber_id, period) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE plan_leases.expires_at <= @Now
                RETURNING subscriber_id, period
                """),
            Parameters(due.Select(d => (d.Subscriber.Id, d.Period)), new { Owner, Now = UtcText.From(now), Expires = UtcText.From(now + scheduler.Value.PlanLease) }),
            cancellationToken: cancellationToken));
        HashSet<(long, string)> leased = [.. rows];
        return new PlanLease(this, [.. due.Where(d => leased.Contains((d.Subscriber.Id, d.Period)))]);
    }

    /// <summary>Ends this process's leases of a batch that is stored, needed no digest, or failed.</summary>
    internal async Task ReleaseAsync((Subscriber Subscriber, string Period)[] leased, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leased);
        if (leased.Length == 0)
        {
            return;
        }

        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            connections.Sql(
                sqlite: """
                DELETE FROM plan_leases
                WHERE owner = @Owner AND (subscriber_id, period) IN (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(@Pairs) AS j)
                """,
                postgres: """
                DELETE FROM plan_leases
                WHERE owner = @Owner AND (subscriber_id, period) IN (SELECT * FROM unnest(@SubscriberIds, @Periods))
                """),
            Parameters(leased.Select(d => (d.Subscriber.Id, d.Period)), new { Owner }),
            cancellationToken: cancellationToken));
    }

    /// <summary>Forgets leases that expired over a day ago (their node died and nobody needed the pair again).</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM plan_leases WHERE expires_at < @Before",
            new { Before = UtcText.From(time.GetUtcNow() - KeepExpired) },
            cancellationToken: cancellationToken));
    }

    private DynamicParameters Parameters(IEnumerable<(long SubscriberId, string Period)> pairs, object values)
    {
        var parameters = new DynamicParameters(values);
        List<(long SubscriberId, string Period)> list = [.. pairs];
        if (connections.Provider == DatabaseProvider.Postgres)
        {
            parameters.Add("SubscriberIds", list.Select(p => p.SubscriberId).ToArray());
            parameters.Add("Periods", list.Select(p => p.Period).ToArray());
        }
        else
        {
            parameters.Add("Pairs", JsonSerializer.Serialize(list.Select(p => new object[] { p.SubscriberId, p.Period })));
        }

        return parameters;
    }
}
