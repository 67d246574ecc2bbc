using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Paperboy.Bench;

/// <summary>Seeds subscribers straight into the database: adding 100,000 through the store would time the seeding, not delivery.</summary>
internal static class BenchDatabase
{
    private static readonly string[] Interests =
    [
        "segmentation", "object detection", "language model", "reinforcement learning", "diffusion", "graph neural network",
        "transformer", "speech recognition", "optimization", "generative adversarial", "attention", "robotics",
    ];

    public static async Task AddSubscribersAsync(string databasePath, int first, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Foreign Keys=True");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        string now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        for (int i = first; i < first + count; i++)
        {
            long id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO subscribers (email, status, frequency, time_zone, delivery_hour, link_secret, created_at, updated_at, confirmed_at)
                VALUES (@Email, 'active', 'daily', 'UTC', 0, @Secret, @Now, @Now, @Now)
                RETURNING id
                """,
                new { Email = $"reader{i:000000}@bench.localhost", Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Now = now },
                transaction);
            foreach (string keyword in new[] { Interests[i % Interests.Length], Interests[(i / Interests.Length) % Interests.Length] }.Distinct())
            {
                await connection.ExecuteAsync(
                    "INSERT INTO subscriber_keywords (subscriber_id, keyword) VALUES (@Id, @Keyword)", new { Id = id, Keyword = keyword }, transaction);
            }
        }

        await transaction.CommitAsync();
    }

    public static async Task<long> CountAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The stored messages, for the plain MailKit loop to send the very same bytes.</summary>
    public static async Task<List<byte[]>> MessagesAsync(string databasePath, int limit)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        return [.. (await connection.QueryAsync<byte[]>("SELECT mime FROM outbox_bodies ORDER BY outbox_id LIMIT @Limit", new { Limit = limit })).Select(Paperboy.Scheduler.StoredMime.Unpack)];
    }
}
