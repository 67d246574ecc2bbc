using System.Data.Common;
using System.Text.Json;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Scheduler;

public sealed class DigestStore(ConnectionFactory connections, TimeProvider time)
{
    public async Task<bool> ExistsAsync(long subscriberId, string period, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM digests WHERE subscriber_id = @SubscriberId AND period = @Period)",
            new { SubscriberId = subscriberId, Period = period },
            cancellationToken: cancellationToken));
    }

    /// <summary>How many digests of one subscriber have a period starting with <paramref name="prefix"/> (today's alerts).</summary>
    public async Task<int> CountPeriodsAsync(long subscriberId, string prefix, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM digests WHERE subscriber_id = @SubscriberId AND substr(period, 1, length(@Prefix)) = @Prefix",
            new { SubscriberId = subscriberId, Prefix = prefix },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Which of these (subscriber, period) pairs already have a digest: one query for a whole batch of
    /// subscribers instead of one per subscriber.
    /// </summary>
    public async Task<HashSet<(long SubscriberId, string Period)>> PlannedAsync(
        IReadOnlyCollection<(long SubscriberId, string Period)> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return [];
        }

        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<(long SubscriberId, string Period)> rows = await connection.QueryAsync<(long SubscriberId, string Period)>(new CommandDefinition(
            connections.Sql(
                sqlite: """
                SELECT d.subscriber_id, d.period
                FROM json_each(@Pairs) AS j
                JOIN digests d ON d.subscriber_id = j.value ->> 0 AND d.period = j.value ->> 1
                """,
                postgres: """
                SELECT d.subscriber_id, d.period
                FROM unnest(@SubscriberIds, @Periods) AS j(subscriber_id, period)
                JOIN digests d ON d.subscriber_id = j.subscriber_id AND d.period = j.period
                """),
            connections.Provider == DatabaseProvider.Postgres
                ? new { SubscriberIds = pairs.Select(p => p.SubscriberId).ToArray(), Periods = pairs.Select(p => p.Period).ToArray() }
                : (object)new { Pairs = JsonSerializer.Serialize(pairs.Select(p => new object[] { p.SubscriberId, p.Period })) },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The liked, disliked and already sent papers of many subscribers, read in two queries on one connection.</summary>
    public async Task<Dictionary<long, SubscriberHistory>> HistoriesAsync(IReadOnlyCollection<long> subscriberIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriberIds);
        var liked = new Dictionary<long, List<long>>();
        var disliked = new Dictionary<long, List<long>>();
        var sent = new Dictionary<long, HashSet<long>>();
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        foreach ((long subscriberId, long paperId, string opinion) in await connection.QueryAsync<(long, long, string)>(new CommandDefinition(
            $"SELECT subscriber_id, paper_id, opinion FROM subscriber_papers WHERE subscriber_id {connections.AnyOf("Ids")} ORDER BY subscriber_id, created_at, paper_id",
            new { Ids = subscriberIds.ToArray() },
            cancellationToken: cancellationToken)))
        {
            Dictionary<long, List<long>> target = opinion == "liked" ? liked : disliked;
            (target.TryGetValue(subscriberId, out List<long>? list) ? list : target[subscriberId] = []).Add(paperId);
        }

        foreach ((long subscriberId, long paperId) in await connection.QueryAsync<(long, long)>(new CommandDefinition(
            $"SELECT subscriber_id, paper_id FROM digest_items WHERE subscriber_id {connections.AnyOf("Ids")}",
            new { Ids = subscriberIds.ToArray() },
            cancellationToken: cancellationToken)))
        {
            (sent.TryGetValue(subscriberId, out HashSet<long>? set) ? set : sent[subscriberId] = []).Add(paperId);
        }

        return subscriberIds.Distinct().ToDictionary(id => id, id => new SubscriberHistory(
            liked.GetValueOrDefault(id) ?? [], disliked.GetValueOrDefault(id) ?? [], sent.GetValueOrDefault(id) ?? []));
    }

    /// <summary>
    /// Writes the digest, its send log and outbox message atomically. Returns the outbox id, or null
    /// when a digest for that subscriber and period already exists (another run got there first).
    /// </summary>
    public async Task<long?> SaveAsync(NewDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return (await SaveBatchAsync([digest], cancellationToken))[0];
    }

    /// <summary>
    /// Writes many digests, each with its send log and outbox message, in one transaction (one disk sync for
    /// the batch). The UNIQUE (subscriber, period) key still decides for each digest: one that another run
    /// already wrote gets null and nothing of it is written, the others are stored. Any error rolls the whole
    /// batch back, so a later run plans it again. Returns the outbox ids in the order of <paramref name="batch"/>.
    /// </summary>
    public async Task<IReadOnlyList<long?>> SaveBatchAsync(IReadOnlyList<NewDigest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outboxIds = new long?[batch.Count];
        if (batch.Count == 0)
        {
            return outboxIds;
        }

        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        using (var insert = new DigestBatchInsert(connection, transaction, UtcText.From(time.GetUtcNow())))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                outboxIds[i] = await insert.InsertAsync(batch[i], cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return outboxIds;
    }
}
