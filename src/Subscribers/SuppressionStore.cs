using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>
/// Addresses never to mail again (hard bounces, complaints, the operator's word, deleted subscribers), keyed by
/// the SHA-256 of the lower-cased address. The address itself is kept only where the operator needs to see
/// it; a deleted subscriber leaves just the hash.
/// </summary>
public sealed class SuppressionStore(ConnectionFactory connections, TimeProvider time)
{
    public async Task<bool> ContainsAsync(string email, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM suppressions WHERE email_hash = @Hash)",
            new { Hash = SubscriberStore.EmailHash(email) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The address's entry (found by its hash, so also a deleted subscriber's), or null when it is not suppressed.</summary>
    public async Task<Suppression?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Suppression>(new CommandDefinition(
            "SELECT email_hash AS EmailHash, email AS Email, reason AS Reason, created_at AS CreatedAt FROM suppressions WHERE email_hash = @Hash",
            new { Hash = SubscriberStore.EmailHash(email) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Every suppressed address's hash, for checking many subscribers at once.</summary>
    public async Task<HashSet<string>> HashesAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT email_hash FROM suppressions", cancellationToken: cancellationToken))];
    }

    /// <summary>Adds the address; returns false when it was already suppressed (the first reason is kept).</summary>
    public async Task<bool> AddAsync(string email, string reason, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO suppressions (email_hash, email, reason, created_at) VALUES (@Hash, @Email, @Reason, @Now)
            ON CONFLICT (email_hash) DO NOTHING
            """,
            new { Hash = SubscriberStore.EmailHash(email), Email = email.Trim().ToLowerInvariant(), Reason = reason, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM suppressions WHERE email_hash = @Hash",
            new { Hash = SubscriberStore.EmailHash(email) },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<Suppression>> ListAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Suppression>(new CommandDefinition(
            "SELECT email_hash AS EmailHash, email AS Email, reason AS Reason, created_at AS CreatedAt FROM suppressions ORDER BY created_at, email_hash",
            cancellationToken: cancellationToken))];
    }
}
