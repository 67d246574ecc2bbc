using MimeKit;

namespace Paperboy.Inbound;

/// <summary>An open session with the inbound mailbox (IMAP folder or POP3 maildrop).</summary>
public interface IInboundMailbox : IAsyncDisposable
{
    /// <summary>Names the mailbox in <c>inbound_messages</c>: protocol, user, host, port and folder.</summary>
    string Name { get; }

    /// <summary>Stable keys of the messages in the mailbox now (IMAP: UIDVALIDITY/UID, POP3: UIDL).</summary>
    Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken);

    /// <summary>The message; a <see cref="FormatException"/> when it cannot be parsed at all.</summary>
    Task<MimeMessage> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Marks the message for deletion; it is gone only after <see cref="CommitAsync"/>.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Applies the deletions (IMAP EXPUNGE, POP3 QUIT) and ends the session.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
