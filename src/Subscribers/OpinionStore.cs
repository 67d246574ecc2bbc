using System.Data;
using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>A subscriber's liked and disliked papers: "more / less like this", and the lists on the preferences page.</summary>
public sealed class OpinionStore(ConnectionFactory connections, TimeProvider time)
{
    /// <summary>Records "more like this" or "less like this"; the latest opinion on a paper wins.</summary>
    public async Task SetAsync(long id, long paperId, Opinion opinion, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO subscriber_papers (subscriber_id, paper_id, opinion, created_at) VALUES (@Id, @PaperId, @Opinion, @Now)
            ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET opinion = excluded.opinion, created_at = excluded.created_at
            """,
            new { Id = id, PaperId = paperId, Opinion = SubscriberStore.Text(opinion), Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The papers with this opinion, newest first; liked ones are followed by those named at sign-up or on the
    /// preferences page that are still being fetched.
    /// </summary>
    public async Task<IReadOnlyList<ProfilePaper>> PapersAsync(long id, Opinion opinion, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<ProfilePaper> papers = await connection.QueryAsync<ProfilePaper>(new CommandDefinition(
            """
            SELECT p.id AS PaperId, p.paper_key AS PaperKey, p.title AS Title
            FROM subscriber_papers o JOIN papers p ON p.id = o.paper_id
            WHERE o.subscriber_id = @Id AND o.opinion = @Opinion
            ORDER BY o.created_at DESC, p.id DESC
            """,
            new { Id = id, Opinion = SubscriberStore.Text(opinion) },
            cancellationToken: cancellationToken));
        if (opinion != Opinion.Liked)
        {
            return [.. papers];
        }

        IEnumerable<string> wanted = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT paper_key FROM wanted_papers WHERE subscriber_id = @Id ORDER BY requested_at, paper_key", new { Id = id }, cancellationToken: cancellationToken));
        return [.. papers, .. wanted.Select(k => new ProfilePaper(null, k, k))];
    }

    public async Task<string?> PaperTitleAsync(long paperId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT title FROM papers WHERE id = @Id", new { Id = paperId }, cancellationToken: cancellationToken));
    }

    /// <summary>The preferences page's changes, in its transaction: forgets the unticked papers, likes the typed ids.</summary>
    internal static async Task ChangeAsync(
        DbConnection connection, IDbTransaction transaction, long id, OpinionsChange change, string now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM subscriber_papers
            WHERE subscriber_id = @Id AND opinion = @Opinion AND paper_id = (SELECT p.id FROM papers p WHERE p.paper_key = @Key)
            """,
            change.ForgetLiked.Select(k => new { Id = id, Opinion = "liked", Key = k })
                .Concat(change.ForgetDisliked.Select(k => new { Id = id, Opinion = "disliked", Key = k })),
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wanted_papers WHERE subscriber_id = @Id AND paper_key = @Key",
            change.ForgetLiked.Select(k => new { Id = id, Key = k }),
            transaction,
            cancellationToken: cancellationToken));
        await WantedPaperStore.AddAsync(connection, transaction, id, change.AddLiked, now, cancellationToken);
    }
}
