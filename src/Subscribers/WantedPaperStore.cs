using System.Data;
using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>
/// Papers subscribers said they liked at sign-up: a "liked" opinion at once when the catalog has the paper, else
/// a wanted paper key until the feeds fetch it (or give up on it after <see cref="MaxAttempts"/> fetches).
/// </summary>
public sealed class WantedPaperStore(ConnectionFactory connections, TimeProvider time)
{
    /// <summary>Fetches of a paper that did not bring it before it is given up (a mistyped or withdrawn id).</summary>
    public const int MaxAttempts = 3;

    /// <summary>Records the subscriber's liked papers (keys such as <c>arxiv:2401.12345</c>) in the caller's transaction.</summary>
    internal static async Task AddAsync(
        DbConnection connection, IDbTransaction transaction, long id, IReadOnlyList<string> paperKeys, string now, CancellationToken cancellationToken)
    {
        if (paperKeys.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO wanted_papers (subscriber_id, paper_key, requested_at) VALUES (@Id, @Key, @Now)
            ON CONFLICT (subscriber_id, paper_key) DO UPDATE SET attempts = 0
            """,
            paperKeys.Select(k => new { Id = id, Key = k, Now = now }),
            transaction,
            cancellationToken: cancellationToken));
        await ResolveAsync(connection, transaction, now, cancellationToken);
    }

    /// <summary>Turns every wanted paper the catalog now has into a "liked" opinion; returns how many.</summary>
    public async Task<int> ResolveAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        int resolved = await ResolveAsync(connection, transaction, UtcText.From(time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return resolved;
    }

    /// <summary>
    /// The keys still wanted by active subscribers, those asked for longest first, at most <paramref name="limit"/>.
    /// An unconfirmed sign-up's papers wait for its confirmation: an anonymous form cannot make the service fetch.
    /// </summary>
    public async Task<IReadOnlyList<string>> WantedAsync(int limit, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT w.paper_key FROM wanted_papers w JOIN subscribers s ON s.id = w.subscriber_id
            WHERE s.status = 'active'
            GROUP BY w.paper_key ORDER BY MIN(w.requested_at), w.paper_key LIMIT @Limit
            """,
            new { Limit = limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Counts a fetch against those of these papers that are still wanted (a paper it brought has already left the
    /// table); returns the keys given up on now.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissedAsync(IReadOnlyList<string> paperKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paperKeys);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE wanted_papers SET attempts = attempts + 1 WHERE paper_key = @Key",
            paperKeys.Select(k => new { Key = k }),
            transaction,
            cancellationToken: cancellationToken));
        List<string> dropped = [.. await connection.QueryAsync<string>(new CommandDefinition(
            "DELETE FROM wanted_papers WHERE attempts >= @Max RETURNING paper_key",
            new { Max = MaxAttempts },
            transaction,
            cancellationToken: cancellationToken))];
        await transaction.CommitAsync(cancellationToken);
        return [.. dropped.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static async Task<int> ResolveAsync(DbConnection connection, IDbTransaction transaction, string now, CancellationToken cancellationToken)
    {
        // SQLite needs the WHERE to tell the upsert's ON from the join's. An opinion the subscriber gave since (a "less like this") is theirs to keep: the sign-up list does not overwrite it.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO subscriber_papers (subscriber_id, paper_id, opinion, created_at)
            SELECT w.subscriber_id, p.id, 'liked', @Now FROM wanted_papers w JOIN papers p ON p.paper_key = w.paper_key
            WHERE true
            ON CONFLICT (subscriber_id, paper_id) DO NOTHING
            """,
            new { Now = now },
            transaction,
            cancellationToken: cancellationToken));
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wanted_papers WHERE EXISTS (SELECT 1 FROM papers p WHERE p.paper_key = wanted_papers.paper_key)",
            transaction: transaction,
            cancellationToken: cancellationToken));
    }
}
