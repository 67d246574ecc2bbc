using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Inbound;

/// <summary>
/// What earlier polls did with the messages still in the mailbox (<c>inbound_messages</c>), and which of our
/// sent messages a report is about.
/// </summary>
public sealed class InboundStore(ConnectionFactory connections, TimeProvider time)
{
    /// <summary>Key → whether it was handled (true: delete it; false: left alone, do not read it again).</summary>
    public async Task<Dictionary<string, bool>> KnownAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<(string Key, long Handled)> rows = await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT message_key, handled FROM inbound_messages WHERE mailbox = @Mailbox",
            new { Mailbox = mailbox },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Key, r => r.Handled != 0, StringComparer.Ordinal);
    }

    public async Task RecordAsync(string mailbox, string key, bool handled, string outcome, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbound_messages (mailbox, message_key, handled, outcome, seen_at) VALUES (@Mailbox, @Key, @Handled, @Outcome, @Now)
            ON CONFLICT (mailbox, message_key) DO UPDATE SET handled = excluded.handled, outcome = excluded.outcome, seen_at = excluded.seen_at
            """,
            new { Mailbox = mailbox, Key = key, Handled = handled ? 1 : 0, Outcome = outcome, Now = UtcText.From(time.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Drops the rows of messages no longer in the mailbox (deleted here, or by a person).</summary>
    public async Task ForgetAsync(string mailbox, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (string key in keys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM inbound_messages WHERE mailbox = @Mailbox AND message_key = @Key",
                new { Mailbox = mailbox, Key = key },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The address our message with this Message-ID went to, or null when it is not ours (or no longer kept).</summary>
    public async Task<string?> RecipientOfAsync(string messageId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT recipient FROM outbox WHERE message_id = @MessageId",
            new { MessageId = messageId.Trim('<', '>', ' ') },
            cancellationToken: cancellationToken));
    }
}
