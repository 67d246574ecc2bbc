using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Paperboy.Storage;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>
/// Whether the recipients of a claimed batch may still be mailed: their subscriber status and the suppression list,
/// read for the whole batch in one query instead of one per message, and read again (for the rest of the batch)
/// whenever the last read is older than <see cref="MaxAge"/>. So every message goes out at most that long after
/// its recipient's status was read; someone who unsubscribes or is suppressed earlier gets nothing.
/// </summary>
public sealed class RecipientCheck(ConnectionFactory connections)
{
    /// <summary>How old a batch's status read may be when a message of it is handed to the transport.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(100);

    private Dictionary<string, (string? Status, bool Suppressed)> _statuses = new(StringComparer.Ordinal);
    private long _readAt;

    /// <summary>The recipient's status now (null when there is no such subscriber) and whether the address is suppressed.</summary>
    /// <param name="batch">The claimed batch; <paramref name="index"/> is the message about to be sent.</param>
    /// <param name="index">Messages before it are done, so a new read covers only this one and those after it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<(string? Status, bool Suppressed)> StatusAsync(IReadOnlyList<OutboxEntry> batch, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        string recipient = batch[index].Recipient;
        if (index == 0 || Stopwatch.GetElapsedTime(_readAt) > MaxAge || !_statuses.ContainsKey(recipient))
        {
            _statuses = await ReadAsync([.. batch.Skip(index).Select(e => e.Recipient).Distinct(StringComparer.Ordinal)], cancellationToken);
            _readAt = Stopwatch.GetTimestamp();
        }

        return _statuses[recipient];
    }

    private async Task<Dictionary<string, (string? Status, bool Suppressed)>> ReadAsync(string[] recipients, CancellationToken cancellationToken)
    {
        string[] hashes = [.. recipients.Select(SubscriberStore.EmailHash)];
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        // Addresses compare without case in the subscribers table (NOCASE on both engines), as in the single-row query.
        Dictionary<string, string> statuses = (await connection.QueryAsync<(string Email, string Status)>(new CommandDefinition(
            $"SELECT email, status FROM subscribers WHERE email {connections.AnyOf("Emails")}",
            new { Emails = recipients },
            cancellationToken: cancellationToken))).ToDictionary(r => r.Email, r => r.Status, StringComparer.OrdinalIgnoreCase);
        HashSet<string> suppressed = [.. await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT email_hash FROM suppressions WHERE email_hash {connections.AnyOf("Hashes")}",
            new { Hashes = hashes },
            cancellationToken: cancellationToken))];
        var result = new Dictionary<string, (string? Status, bool Suppressed)>(recipients.Length, StringComparer.Ordinal);
        for (int i = 0; i < recipients.Length; i++)
        {
            result[recipients[i]] = (statuses.GetValueOrDefault(recipients[i]), suppressed.Contains(hashes[i]));
        }

        return result;
    }
}
