using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Feeds;

/// <summary>Per feed URL: the validators of its last complete response, for conditional GET, and how the last fetch went.</summary>
public sealed class FeedStateStore(ConnectionFactory connections, TimeProvider time)
{
    public async Task<FeedState?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<FeedState>(new CommandDefinition(
            """
            SELECT url, etag AS ETag, last_modified AS LastModified, checked_at AS CheckedAt, changed_at AS ChangedAt, last_error AS LastError
            FROM feed_state WHERE url = @Url
            """,
            new { Url = url.ToString() },
            cancellationToken: cancellationToken));
    }

    /// <summary>A complete, clean response: remember its validators so the next fetch can be answered with 304.</summary>
    public Task SaveChangedAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        SaveAsync(
            """
            INSERT INTO feed_state (url, etag, last_modified, checked_at, changed_at, last_error) VALUES (@Url, @ETag, @LastModified, @Now, @Now, NULL)
            ON CONFLICT (url) DO UPDATE SET etag = @ETag, last_modified = @LastModified, checked_at = @Now, changed_at = @Now, last_error = NULL
            """,
            new { Url = url.ToString(), ETag = etag, LastModified = lastModified, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken);

    public Task SaveNotModifiedAsync(Uri url, CancellationToken cancellationToken) =>
        SaveAsync(
            "UPDATE feed_state SET checked_at = @Now, last_error = NULL WHERE url = @Url",
            new { Url = url.ToString(), Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken);

    /// <summary>A failed or partial fetch: the validators are forgotten so that the next fetch gets the whole body again.</summary>
    public Task SaveErrorAsync(Uri url, string error, CancellationToken cancellationToken) =>
        SaveAsync(
            """
            INSERT INTO feed_state (url, checked_at, last_error) VALUES (@Url, @Now, @Error)
            ON CONFLICT (url) DO UPDATE SET etag = NULL, last_modified = NULL, checked_at = @Now, last_error = @Error
            """,
            new { Url = url.ToString(), Error = error, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken);

    private async Task SaveAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
