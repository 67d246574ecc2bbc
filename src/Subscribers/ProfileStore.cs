using System.Data;
using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>A subscriber's profile: keywords, liked and disliked papers, schedule; and leaving for good.</summary>
public sealed class ProfileStore(ConnectionFactory connections, TimeProvider time)
{
    public async Task UpdatePreferencesAsync(long id, Preferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE subscribers
            SET frequency = @Frequency, time_zone = @TimeZone, delivery_hour = @DeliveryHour, papers_per_digest = @PapersPerDigest,
                weekly_day = @WeeklyDay, updated_at = @Now,
                schedule_since = CASE WHEN frequency <> @Frequency THEN @Now ELSE schedule_since END
            WHERE id = @Id
            """,
            new
            {
                Id = id,
                Frequency = SubscriberStore.Text(preferences.Frequency),
                preferences.TimeZone,
                preferences.DeliveryHour,
                preferences.PapersPerDigest,
                WeeklyDay = preferences.WeeklyDay is { } day ? SubscriberStore.Text(day) : null,
                Now = now,
            },
            transaction,
            cancellationToken: cancellationToken));
        await ReplaceKeywordsAsync(connection, transaction, id, preferences.Keywords, preferences.MutedKeywords, cancellationToken);
        await OpinionStore.ChangeAsync(connection, transaction, id, preferences.Opinions, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The switch link of a digest's footer: only the frequency changes.</summary>
    public async Task SetFrequencyAsync(long id, DigestFrequency frequency, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE subscribers
            SET frequency = @Frequency, updated_at = @Now, schedule_since = CASE WHEN frequency <> @Frequency THEN @Now ELSE schedule_since END
            WHERE id = @Id
            """,
            new { Id = id, Frequency = SubscriberStore.Text(frequency), Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Mutes the subscriber's keyword named by a mute link; returns it, or null when they no longer have it.</summary>
    public async Task<string?> MuteKeywordAsync(long id, long keywordArgument, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<string> keywords = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT keyword FROM subscriber_keywords WHERE subscriber_id = @Id",
            new { Id = id },
            cancellationToken: cancellationToken));
        string? keyword = keywords.FirstOrDefault(k => LinkTokens.KeywordArgument(k) == keywordArgument);
        if (keyword is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE subscriber_keywords SET muted = 1 WHERE subscriber_id = @Id AND keyword = @Keyword",
                new { Id = id, Keyword = keyword },
                cancellationToken: cancellationToken));
        }

        return keyword;
    }

    /// <summary>Everything stored about a subscriber, for "download my data".</summary>
    public async Task<SubscriberExport?> ExportAsync(long id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        SubscriberExport.Account? account = await connection.QuerySingleOrDefaultAsync<SubscriberExport.Account>(new CommandDefinition(
            """
            SELECT email, status, frequency, time_zone AS TimeZone, delivery_hour AS DeliveryHour, papers_per_digest AS PapersPerDigest,
                   weekly_day AS WeeklyDay, created_at AS CreatedAt, confirmed_at AS ConfirmedAt, unsubscribed_at AS UnsubscribedAt
            FROM subscribers WHERE id = @Id
            """,
            new { Id = id },
            cancellationToken: cancellationToken));
        if (account is null)
        {
            return null;
        }

        var query = new { Id = id };
        return new SubscriberExport(
            account,
            [.. await connection.QueryAsync<SubscriberExport.Keyword>(new CommandDefinition(
                connections.Sql(
                    sqlite: "SELECT keyword AS Text, muted = 1 AS Muted FROM subscriber_keywords WHERE subscriber_id = @Id ORDER BY rowid",
                    postgres: "SELECT keyword AS Text, muted = 1 AS Muted FROM subscriber_keywords WHERE subscriber_id = @Id ORDER BY seq"),
                query,
                cancellationToken: cancellationToken))],
            [.. await connection.QueryAsync<SubscriberExport.PaperOpinion>(new CommandDefinition(
                """
                SELECT p.paper_key AS Paper, p.title AS Title, o.opinion AS Opinion, o.created_at AS At
                FROM subscriber_papers o JOIN papers p ON p.id = o.paper_id WHERE o.subscriber_id = @Id ORDER BY o.created_at
                """, query, cancellationToken: cancellationToken))],
            [.. await connection.QueryAsync<SubscriberExport.SentPaper>(new CommandDefinition(
                """
                SELECT d.period AS Period, p.paper_key AS Paper, p.title AS Title, i.reason AS Reason
                FROM digest_items i JOIN digests d ON d.id = i.digest_id JOIN papers p ON p.id = i.paper_id
                WHERE i.subscriber_id = @Id ORDER BY d.period, i.rank
                """, query, cancellationToken: cancellationToken))])
        {
            WantedPapers = [.. await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT paper_key FROM wanted_papers WHERE subscriber_id = @Id ORDER BY paper_key", query, cancellationToken: cancellationToken))],
        };
    }

    /// <summary>
    /// Deletes the subscriber, their profile, send history and every stored message to them; keeps only a
    /// hash of the address on the suppression list, so nothing is ever sent to it again unless they come back.
    /// </summary>
    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "DELETE FROM subscribers WHERE id = @Id RETURNING email", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (email is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM outbox WHERE recipient = @Email COLLATE NOCASE", new { Email = email }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO suppressions (email_hash, email, reason, created_at) VALUES (@Hash, NULL, 'deleted', @Now)
                ON CONFLICT (email_hash) DO NOTHING
                """,
                new { Hash = SubscriberStore.EmailHash(email), Now = UtcText.From(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    internal static async Task ReplaceKeywordsAsync(
        DbConnection connection, IDbTransaction transaction, long id, IReadOnlyList<string> active, IReadOnlyList<string> muted, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM subscriber_keywords WHERE subscriber_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscriber_keywords (subscriber_id, keyword, muted) VALUES (@Id, @Keyword, @Muted) ON CONFLICT DO NOTHING",
            active.Select(k => new { Id = id, Keyword = k, Muted = 0 }).Concat(muted.Select(k => new { Id = id, Keyword = k, Muted = 1 })),
            transaction,
            cancellationToken: cancellationToken));
    }
}
