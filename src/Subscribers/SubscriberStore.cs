using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Paperboy.Hosting;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>Subscribers: finding them, adding them, and moving them between pending, active and unsubscribed.</summary>
public sealed class SubscriberStore(ConnectionFactory connections, TimeProvider time)
{
    public async Task<long> AddAsync(NewSubscriber subscriber, SubscriberStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO subscribers (email, status, frequency, time_zone, delivery_hour, link_secret, created_at, updated_at, confirmed_at, schedule_since)
                VALUES (@Email, @Status, @Frequency, @TimeZone, @DeliveryHour, @Secret, @Now, @Now,
                        CASE WHEN @Status = 'active' THEN @Now END, CASE WHEN @Status = 'active' THEN @Now END)
                RETURNING id
                """,
                new
                {
                    subscriber.Email,
                    Status = Text(status),
                    Frequency = Text(subscriber.Frequency),
                    subscriber.TimeZone,
                    subscriber.DeliveryHour,
                    Secret = NewSecret(),
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (ConnectionFactory.IsUniqueViolation(ex))
        {
            throw new PaperboyException($"{subscriber.Email} is already subscribed", ex);
        }

        await ProfileStore.ReplaceKeywordsAsync(connection, transaction, id, subscriber.Keywords, [], cancellationToken);
        await WantedPaperStore.AddAsync(connection, transaction, id, subscriber.LikedPapers, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Adds many subscribers in one transaction and one connection (imports). An address already stored is
    /// left as it is; those rows are returned.
    /// </summary>
    public async Task<IReadOnlyList<ImportRow>> AddManyAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var skipped = new List<ImportRow>();
        if (rows.Count == 0)
        {
            return skipped;
        }

        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        foreach (ImportRow row in rows)
        {
            long? id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO subscribers (email, status, frequency, time_zone, delivery_hour, link_secret, created_at, updated_at, confirmed_at, schedule_since)
                VALUES (@Email, @Status, @Frequency, @TimeZone, @DeliveryHour, @Secret, @Now, @Now,
                        CASE WHEN @Status = 'active' THEN @Now END, CASE WHEN @Status = 'active' THEN @Now END)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
                new
                {
                    row.Subscriber.Email,
                    Status = Text(row.Status),
                    Frequency = Text(row.Subscriber.Frequency),
                    row.Subscriber.TimeZone,
                    row.Subscriber.DeliveryHour,
                    Secret = NewSecret(),
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
            if (id is null)
            {
                skipped.Add(row);
                continue;
            }

            await ProfileStore.ReplaceKeywordsAsync(connection, transaction, id.Value, row.Subscriber.Keywords, [], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return skipped;
    }

    /// <summary>
    /// Makes a former or unconfirmed subscriber pending again with what they asked for now, and gives them a
    /// new link secret, so links from before their unsubscribe stop working.
    /// </summary>
    public async Task RenewPendingAsync(long id, NewSubscriber request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE subscribers
            SET status = 'pending', frequency = @Frequency, time_zone = @TimeZone, delivery_hour = @DeliveryHour,
                link_secret = @Secret, updated_at = @Now, unsubscribed_at = NULL
            WHERE id = @Id AND status <> 'active'
            """,
            new { Id = id, Frequency = Text(request.Frequency), request.TimeZone, request.DeliveryHour, Secret = NewSecret(), Now = UtcText.From(time.GetUtcNow()) },
            transaction,
            cancellationToken: cancellationToken));
        await ProfileStore.ReplaceKeywordsAsync(connection, transaction, id, request.Keywords, [], cancellationToken);
        await WantedPaperStore.AddAsync(connection, transaction, id, request.LikedPapers, UtcText.From(time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Pending → active. Returns false when the subscriber is not pending (already confirmed, or gone).</summary>
    public async Task<bool> ConfirmAsync(long id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            UPDATE subscribers SET status = 'active', confirmed_at = @Now, schedule_since = @Now, updated_at = @Now
            WHERE id = @Id AND status = 'pending'
            RETURNING email
            """,
            new { Id = id, Now = UtcText.From(time.GetUtcNow()) },
            transaction,
            cancellationToken: cancellationToken));
        if (email is not null)
        {
            // Confirming is an explicit new consent: it lifts an earlier "delete me".
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM suppressions WHERE email_hash = @Hash",
                new { Hash = EmailHash(email) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return email is not null;
    }

    /// <summary>Unsubscribes at once and cancels any digest already queued for the address. Repeating it changes nothing.</summary>
    public async Task UnsubscribeAsync(long id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        string? email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = @Now, updated_at = @Now
            WHERE id = @Id AND status <> 'unsubscribed'
            RETURNING email
            """,
            new { Id = id, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        if (email is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE outbox SET state = 'cancelled', last_error = 'recipient unsubscribed', updated_at = @Now
                WHERE recipient = @Email AND state = 'pending'
                """,
                new { Email = email, Now = now },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync("1 = 1", null, cancellationToken);

    public Task<IReadOnlyList<Subscriber>> ListActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync("s.status = 'active'", null, cancellationToken);

    public async Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        (await QueryAsync("s.email = @Email", new { Email = email.Trim() }, cancellationToken)).SingleOrDefault();

    public async Task<Subscriber?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("s.id = @Id", new { Id = id }, cancellationToken)).SingleOrDefault();

    /// <summary>The suppression list's key for an address: nothing else of a deleted subscriber is kept.</summary>
    public static string EmailHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    public static string Text<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private async Task<IReadOnlyList<Subscriber>> QueryAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        // Keywords in the order they were given: SQLite's rowid, PostgreSQL's identity column seq.
        string keywords = connections.Sql(
            sqlite: """
                (SELECT group_concat(keyword, char(31)) FROM (SELECT keyword FROM subscriber_keywords k
                     WHERE k.subscriber_id = s.id AND k.muted = 0 ORDER BY rowid)) AS Keywords,
                (SELECT group_concat(keyword, char(31)) FROM (SELECT keyword FROM subscriber_keywords k
                     WHERE k.subscriber_id = s.id AND k.muted = 1 ORDER BY rowid)) AS MutedKeywords
                """,
            postgres: """
                (SELECT string_agg(keyword, chr(31) ORDER BY seq) FROM subscriber_keywords k
                     WHERE k.subscriber_id = s.id AND k.muted = 0) AS Keywords,
                (SELECT string_agg(keyword, chr(31) ORDER BY seq) FROM subscriber_keywords k
                     WHERE k.subscriber_id = s.id AND k.muted = 1) AS MutedKeywords
                """);
        IEnumerable<SubscriberRow> rows = await connection.QueryAsync<SubscriberRow>(new CommandDefinition(
            $"""
            SELECT s.id, s.email, s.status, s.frequency, s.time_zone AS TimeZone, s.delivery_hour AS DeliveryHour,
                   s.papers_per_digest AS PapersPerDigest, s.weekly_day AS WeeklyDay, s.link_secret AS LinkSecret,
                   s.schedule_since AS ScheduleSince,
                   {keywords}
            FROM subscribers s
            WHERE {where}
            ORDER BY s.id
            """,
            parameters,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSubscriber())];
    }

    private sealed class SubscriberRow
    {
        public long Id { get; set; }

        public string Email { get; set; } = "";

        public string Status { get; set; } = "";

        public string Frequency { get; set; } = "";

        public string TimeZone { get; set; } = "";

        public int DeliveryHour { get; set; }

        public int? PapersPerDigest { get; set; }

        public string? WeeklyDay { get; set; }

        public string LinkSecret { get; set; } = "";

        public string? ScheduleSince { get; set; }

        public string? Keywords { get; set; }

        public string? MutedKeywords { get; set; }

        public Subscriber ToSubscriber() => new(
            Id,
            Email,
            Enum.Parse<SubscriberStatus>(Status, ignoreCase: true),
            Enum.Parse<DigestFrequency>(Frequency, ignoreCase: true),
            TimeZone,
            DeliveryHour,
            Keywords?.Split('\u001f') ?? [])
        {
            LinkSecret = LinkSecret,
            MutedKeywords = MutedKeywords?.Split('\u001f') ?? [],
            PapersPerDigest = PapersPerDigest,
            WeeklyDay = WeeklyDay is null ? null : Enum.Parse<DayOfWeek>(WeeklyDay, ignoreCase: true),
            ScheduleSince = ScheduleSince is null ? null : UtcText.Parse(ScheduleSince),
        };
    }
}
