using System.Data.Common;
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

    /// <summary>The send log of one subscriber: every paper they were ever sent.</summary>
    public async Task<HashSet<long>> SentPaperIdsAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<long> ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT paper_id FROM digest_items WHERE subscriber_id = @SubscriberId",
            new { SubscriberId = subscriberId },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    /// <summary>The papers a subscriber marked as liked or disliked (sign-up choices, "more/less like this").</summary>
    public async Task<(List<long> Liked, List<long> Disliked)> OpinionsAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<(long PaperId, string Opinion)> rows = await connection.QueryAsync<(long PaperId, string Opinion)>(new CommandDefinition(
            "SELECT paper_id, opinion FROM subscriber_papers WHERE subscriber_id = @SubscriberId ORDER BY created_at, paper_id",
            new { SubscriberId = subscriberId },
            cancellationToken: cancellationToken));
        List<(long PaperId, string Opinion)> list = [.. rows];
        return ([.. list.Where(r => r.Opinion == "liked").Select(r => r.PaperId)], [.. list.Where(r => r.Opinion == "disliked").Select(r => r.PaperId)]);
    }

    /// <summary>
    /// Writes the digest, its send log and outbox message atomically. Returns the outbox id, or null
    /// when a digest for that subscriber and period already exists (another run got there first).
    /// </summary>
    public async Task<long?> SaveAsync(NewDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        long? digestId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO digests (subscriber_id, period, created_at) VALUES (@SubscriberId, @Period, @Now)
            ON CONFLICT (subscriber_id, period) DO NOTHING
            RETURNING id
            """,
            new { digest.SubscriberId, digest.Period, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        if (digestId is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO digest_items (digest_id, subscriber_id, paper_id, rank, score, reason)
            VALUES (@DigestId, @SubscriberId, @PaperId, @Rank, @Score, @Reason)
            """,
            digest.Items.Select((item, i) => new { DigestId = digestId, digest.SubscriberId, PaperId = item.Paper.Id, Rank = i + 1, item.Score, item.Reason }),
            transaction,
            cancellationToken: cancellationToken));

        long outboxId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outbox (digest_id, message_id, recipient, subject, mime, state, created_at, updated_at)
            VALUES (@DigestId, @MessageId, @Recipient, @Subject, @Mime, 'pending', @Now, @Now)
            RETURNING id
            """,
            new { DigestId = digestId, digest.Message.MessageId, digest.Message.Recipient, digest.Message.Subject, digest.Message.Mime, Now = now },
            transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return outboxId;
    }
}
