using MailKit;

namespace Paperboy.Inbound;

/// <summary>What opening an IMAP and a POP3 mailbox share: connect, log in, and never leak the client on failure.</summary>
internal static class MailSessions
{
    /// <summary>
    /// A new <typeparamref name="TClient"/> connected and authenticated with <paramref name="options"/>, handed to
    /// <paramref name="open"/>; disposed when any step fails. Errors propagate unchanged (the poller words them).
    /// </summary>
    public static async Task<TMailbox> OpenAsync<TClient, TMailbox>(
        InboundOptions options, Func<TClient, Task<TMailbox>> open, CancellationToken cancellationToken)
        where TClient : MailService, new()
    {
        var client = new TClient();
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            await client.AuthenticateAsync(options.Username, options.Password, cancellationToken);
            return await open(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
