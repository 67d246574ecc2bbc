using System.Data.Common;
using Dapper;

namespace Paperboy.Storage;

/// <summary>Small named values the service keeps between runs.</summary>
public sealed class RuntimeState(ConnectionFactory connections, TimeProvider time)
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM runtime_state WHERE key = @Key", new { Key = key }, cancellationToken: cancellationToken));
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO runtime_state (key, value, updated_at) VALUES (@Key, @Value, @Now)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { Key = key, Value = value, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }
}
