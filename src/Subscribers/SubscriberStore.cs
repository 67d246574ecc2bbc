using Dapper;
using Microsoft.Data.Sqlite;
using Paperboy.Hosting;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

public sealed class SubscriberStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const int SqliteConstraintUnique = 2067;

    public async Task<long> AddAsync(NewSubscriber subscriber, SubscriberStatus status, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO subscribers (email, status, frequency, time_zone, delivery_hour, created_at, updated_at)
                VALUES (@Email, @Status, @Frequency, @TimeZone, @DeliveryHour, @Now, @Now)
                RETURNING id
                """,
                new
                {
                    subscriber.Email,
                    Status = StatusText(status),
                    Frequency = subscriber.Frequency.ToString().ToLowerInvariant(),
                    subscriber.TimeZone,
                    subscriber.DeliveryHour,
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintUnique)
        {
            throw new PaperboyException($"{subscriber.Email} is already subscribed", ex);
        }

        foreach (string keyword in subscriber.Keywords)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR IGNORE INTO subscriber_keywords (subscriber_id, keyword) VALUES (@Id, @Keyword)",
                new { Id = id, Keyword = keyword },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync("1 = 1", null, cancellationToken);

    public Task<IReadOnlyList<Subscriber>> ListActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync("s.status = 'active'", null, cancellationToken);

    public async Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        (await QueryAsync("s.email = @Email", new { Email = email.Trim() }, cancellationToken)).SingleOrDefault();

    public async Task<Subscriber?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("s.id = @Id", new { Id = id }, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<Subscriber>> QueryAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<SubscriberRow> rows = await connection.QueryAsync<SubscriberRow>(new CommandDefinition(
            $"""
            SELECT s.id, s.email, s.status, s.frequency, s.time_zone AS TimeZone, s.delivery_hour AS DeliveryHour,
                   (SELECT group_concat(keyword, char(31)) FROM (SELECT keyword FROM subscriber_keywords k WHERE k.subscriber_id = s.id ORDER BY rowid)) AS Keywords
            FROM subscribers s
            WHERE {where}
            ORDER BY s.id
            """,
            parameters,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSubscriber())];
    }

    private static string StatusText(SubscriberStatus status) => status.ToString().ToLowerInvariant();

    private sealed class SubscriberRow
    {
        public long Id { get; set; }

        public string Email { get; set; } = "";

        public string Status { get; set; } = "";

        public string Frequency { get; set; } = "";

        public string TimeZone { get; set; } = "";

        public int DeliveryHour { get; set; }

        public string? Keywords { get; set; }

        public Subscriber ToSubscriber() => new(
            Id,
            Email,
            Enum.Parse<SubscriberStatus>(Status, ignoreCase: true),
            Enum.Parse<DigestFrequency>(Frequency, ignoreCase: true),
            TimeZone,
            DeliveryHour,
            Keywords?.Split('\u001f') ?? []);
    }
}
