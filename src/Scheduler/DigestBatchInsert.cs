using Microsoft.Data.Sqlite;

namespace Paperboy.Scheduler;

/// <summary>
/// The three statements that store a digest, prepared once per transaction and bound again for each digest:
/// with hundreds of digests per transaction, preparing the SQL anew for each row costs more than running it.
/// Plain ADO.NET rather than Dapper for that reason.
/// </summary>
internal sealed class DigestBatchInsert : IDisposable
{
    private readonly SqliteCommand _digest;
    private readonly SqliteCommand _item;
    private readonly SqliteCommand _message;

    public DigestBatchInsert(SqliteConnection connection, SqliteTransaction transaction, string now)
    {
        _digest = Command(
            connection,
            transaction,
            """
            INSERT INTO digests (subscriber_id, period, created_at) VALUES ($subscriber, $period, $now)
            ON CONFLICT (subscriber_id, period) DO NOTHING
            RETURNING id
            """,
            "$subscriber",
            "$period");
        _item = Command(
            connection,
            transaction,
            """
            INSERT INTO digest_items (digest_id, subscriber_id, paper_id, rank, score, reason)
            VALUES ($digest, $subscriber, $paper, $rank, $score, $reason)
            """,
            "$digest",
            "$subscriber",
            "$paper",
            "$rank",
            "$score",
            "$reason");
        _message = Command(
            connection,
            transaction,
            """
            INSERT INTO outbox (digest_id, message_id, recipient, subject, mime, state, created_at, updated_at)
            VALUES ($digest, $messageId, $recipient, $subject, $mime, 'pending', $now, $now)
            RETURNING id
            """,
            "$digest",
            "$messageId",
            "$recipient",
            "$subject",
            "$mime");
        _digest.Parameters.AddWithValue("$now", now);
        _message.Parameters.AddWithValue("$now", now);
    }

    /// <summary>Stores one digest; null (and nothing written) when that subscriber already has a digest for the period.</summary>
    public async Task<long?> InsertAsync(NewDigest digest, CancellationToken cancellationToken)
    {
        _digest.Parameters["$subscriber"].Value = digest.SubscriberId;
        _digest.Parameters["$period"].Value = digest.Period;
        if (await _digest.ExecuteScalarAsync(cancellationToken) is not long digestId)
        {
            return null;
        }

        for (int i = 0; i < digest.Items.Count; i++)
        {
            _item.Parameters["$digest"].Value = digestId;
            _item.Parameters["$subscriber"].Value = digest.SubscriberId;
            _item.Parameters["$paper"].Value = digest.Items[i].Paper.Id;
            _item.Parameters["$rank"].Value = i + 1;
            _item.Parameters["$score"].Value = digest.Items[i].Score;
            _item.Parameters["$reason"].Value = digest.Items[i].Reason;
            await _item.ExecuteNonQueryAsync(cancellationToken);
        }

        _message.Parameters["$digest"].Value = digestId;
        _message.Parameters["$messageId"].Value = digest.Message.MessageId;
        _message.Parameters["$recipient"].Value = digest.Message.Recipient;
        _message.Parameters["$subject"].Value = digest.Message.Subject;
        _message.Parameters["$mime"].Value = digest.Message.Mime;
        return (long)(await _message.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose()
    {
        _digest.Dispose();
        _item.Dispose();
        _message.Dispose();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
