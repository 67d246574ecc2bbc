using System.Globalization;
using MailKit.Net.Pop3;
using MimeKit;
using Paperboy.Hosting;

namespace Paperboy.Inbound;

/// <summary>A POP3 maildrop; handled messages are marked with DELE, which the server applies at QUIT.</summary>
public sealed class Pop3InboundMailbox : IInboundMailbox
{
    private readonly Pop3Client _client;
    private readonly Dictionary<string, int> _indexes;

    private Pop3InboundMailbox(Pop3Client client, Dictionary<string, int> indexes, string name)
    {
        _client = client;
        _indexes = indexes;
        Name = name;
    }

    public string Name { get; }

    public static async Task<Pop3InboundMailbox> OpenAsync(InboundOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await MailSessions.OpenAsync<Pop3Client, Pop3InboundMailbox>(options, async client =>
        {
            if (!client.Capabilities.HasFlag(Pop3Capabilities.UIDL))
            {
                // Without UIDL a message has no name that survives the session, so "handled once" cannot be kept.
                throw new PaperboyException($"Mail:Inbound: the POP3 server {options.Host} does not support UIDL; use IMAP");
            }

            IList<string> uids = await client.GetMessageUidsAsync(cancellationToken);
            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < uids.Count; i++)
            {
                indexes.TryAdd(uids[i], i);
            }

            string name = string.Create(CultureInfo.InvariantCulture, $"pop3://{options.Username}@{options.Host}:{options.Port}");
            return new Pop3InboundMailbox(client, indexes, name);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _indexes.OrderBy(p => p.Value).Select(p => p.Key)]);

    public async Task<MimeMessage> ReadAsync(string key, CancellationToken cancellationToken)
    {
        // Parsed here rather than by MailKit, which reports bytes that are not a message as a protocol error.
        await using Stream raw = await _client.GetStreamAsync(_indexes[key], cancellationToken: cancellationToken);
        return await MimeMessage.LoadAsync(raw, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _client.DeleteMessageAsync(_indexes[key], cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) =>
        _client.DisconnectAsync(true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        // Disposing without QUIT: the server forgets the DELEs, and the next poll deletes what it recorded as handled.
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
