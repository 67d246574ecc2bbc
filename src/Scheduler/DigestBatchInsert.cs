using System.Data.Common;

namespace Paperboy.Scheduler;

/// <summary>
/// The four statements that store a digest, prepared once per transaction and bound again for each digest:
/// with hundreds of digests per transaction, preparing the SQL anew for each row costs more than running it.
/// Plain ADO.NET rather than Dapper for that reason. Portable: <c>@name</c> parameters and the same SQL on both
/// engines (SQLite keeps each command's compiled statement; Npgsql sends it again with the new values).
/// </summary>
internal sealed class DigestBatchInsert : IDisposable
{
    private readonly DbCommand _digest;
    private readonly DbCommand _item;
    private readonly DbCommand _message;
    private readonly DbCommand _body;

    public DigestBatchInsert(DbConnection connection, DbTransaction transaction, string now)
    {
        _digest = Command(
            connection,
            transaction,
            """
            INSERT INTO digests (subscriber_id, period, created_at) VALUES (@subscriber, @period, @now)
            ON CONFLICT (subscriber_id, period) DO NOTHING
            RETURNING id
            """,
            "@subscriber",
            "@period",
            "@now");
        _item = Command(
            connection,
            transaction,
            """
            INSERT INTO digest_items (digest_id, subscriber_id, paper_id, rank, score, reason)
            VALUES (@digest, @subscriber, @paper, @rank, @score, @reason)
            """,
            "@digest",
            "@subscriber",
            "@paper",
            "@rank",
            "@score",
            "@reason");
        _message = Command(
            connection,
            transaction,
            """
            INSERT INTO outbox (digest_id, message_id, recipient, subject, state, created_at, updated_at)
            VALUES (@digest, @messageId, @recipient, @subject, 'pending', @now, @now)
            RETURNING id
            """,
            "@digest",
            "@messageId",
            "@recipient",
            "@subject",
            "@now");
        _body = Command(connection, transaction, "INSERT INTO outbox_bodies (outbox_id, mime) VALUES (@outbox, @mime)", "@outbox", "@mime");
        _digest.Parameters["@now"].Value = now;
        _message.Parameters["@now"].Value = now;
    }

    /// <summary>Stores one digest; null (and nothing written) when that subscriber already has a digest for the period.</summary>
    public async Task<long?> InsertAsync(NewDigest digest, CancellationToken cancellationToken)
    {
        _digest.Parameters["@subscriber"].Value = digest.SubscriberId;
        _digest.Parameters["@period"].Value = digest.Period;
        if (await _digest.ExecuteScalarAsync(cancellationToken) is not long digestId)
        {
            return null;
        }

        for (int i = 0; i < digest.Items.Count; i++)
        {
            _item.Parameters["@digest"].Value = digestId;
            _item.Parameters["@subscriber"].Value = digest.SubscriberId;
            _item.Parameters["@paper"].Value = digest.Items[i].Paper.Id;
            _item.Parameters["@rank"].Value = i + 1;
            _item.Parameters["@score"].Value = digest.Items[i].Score;
            _item.Parameters["@reason"].Value = (object?)digest.Items[i].Reason ?? DBNull.Value;
            await _item.ExecuteNonQueryAsync(cancellationToken);
        }

        _message.Parameters["@digest"].Value = digestId;
        _message.Parameters["@messageId"].Value = digest.Message.MessageId;
        _message.Parameters["@recipient"].Value = digest.Message.Recipient;
        _message.Parameters["@subject"].Value = digest.Message.Subject;
        long outboxId = (long)(await _message.ExecuteScalarAsync(cancellationToken))!;
        _body.Parameters["@outbox"].Value = outboxId;
        _body.Parameters["@mime"].Value = digest.Message.Stored;
        await _body.ExecuteNonQueryAsync(cancellationToken);
        return outboxId;
    }

    public void Dispose()
    {
        _digest.Dispose();
        _item.Dispose();
        _message.Dispose();
        _body.Dispose();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
