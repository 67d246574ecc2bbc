using Dapper;
using Microsoft.Data.Sqlite;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>Addresses never to mail again, keyed by the hash of the lower-cased address.</summary>
public sealed class SuppressionStore(SqliteConnectionFactory connections)
{
    public async Task<bool> ContainsAsync(string email, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM suppressions WHERE email_hash = @Hash)",
            new { Hash = SubscriberStore.EmailHash(email) },
            cancellationToken: cancellationToken));
    }
}
