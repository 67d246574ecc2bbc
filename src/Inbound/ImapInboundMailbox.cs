using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace Paperboy.Inbound;

/// <summary>An IMAP folder opened read-write; handled messages are flagged \Deleted and expunged at the end.</summary>
public sealed class ImapInboundMailbox : IInboundMailbox
{
    private readonly ImapClient _client;
    private readonly IMailFolder _folder;
    private readonly List<UniqueId> _deleted = [];

    private ImapInboundMailbox(ImapClient client, IMailFolder folder, string name)
    {
        _client = client;
        _folder = folder;
        Name = name;
    }

    public string Name { get; }

    public static async Task<ImapInboundMailbox> OpenAsync(InboundOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await MailSessions.OpenAsync<ImapClient, ImapInboundMailbox>(options, async client =>
        {
            IMailFolder folder = await client.GetFolderAsync(options.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            string name = string.Create(CultureInfo.InvariantCulture, $"imap://{options.Username}@{options.Host}:{options.Port}/{options.Folder}");
            return new ImapInboundMailbox(client, folder, name);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken)
    {
        IList<UniqueId> uids = await _folder.SearchAsync(SearchQuery.All, cancellationToken);
        return [.. uids.Select(Key)];
    }

    public async Task<MimeMessage> ReadAsync(string key, CancellationToken cancellationToken)
    {
        // The raw bytes (BODY.PEEK[], so a message left alone stays unread for a person), parsed here: bytes
        // that are not a message are a FormatException, not a broken session.
        await using Stream raw = await _folder.GetStreamAsync(Uid(key), "", cancellationToken);
        return await MimeMessage.LoadAsync(raw, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        UniqueId uid = Uid(key);
        await _folder.AddFlagsAsync(uid, MessageFlags.Deleted, true, cancellationToken);
        _deleted.Add(uid);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_deleted.Count > 0)
        {
            // UID EXPUNGE removes only our messages, not others a person flagged \Deleted meanwhile.
            if (_client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            {
                await _folder.ExpungeAsync(_deleted, cancellationToken);
            }
            else
            {
                await _folder.ExpungeAsync(cancellationToken);
            }
        }

        await _client.DisconnectAsync(true, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Key(UniqueId uid) => string.Create(CultureInfo.InvariantCulture, $"{_folder.UidValidity}/{uid.Id}");

    private UniqueId Uid(string key) =>
        new(_folder.UidValidity, uint.Parse(key.AsSpan(key.IndexOf('/', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture));
}
