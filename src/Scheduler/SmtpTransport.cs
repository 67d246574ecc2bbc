using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Sends through an SMTP server with MailKit, one connection per dispatch run.</summary>
public sealed class SmtpTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        SmtpOptions smtp = options.Value;
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (smtp.Username.Length > 0)
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }

            return new Session(client);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException)
        {
            client.Dispose();
            // Nothing was sent on a connection that never opened.
            throw new DeliveryException(DeliveryFailureKind.Transient, $"cannot connect to {smtp.Host}:{smtp.Port}: {ex.Message}", ex);
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                return await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException ex)
            {
                // The server answered: a 5xx is final, a 4xx asks us to come back later.
                DeliveryFailureKind kind = (int)ex.StatusCode >= 500 ? DeliveryFailureKind.Permanent : DeliveryFailureKind.Transient;
                throw new DeliveryException(kind, $"{(int)ex.StatusCode} {ex.Message}", ex)
                {
                    RecipientRejected = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted,
                };
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
            {
                // The connection broke mid-transaction: the server may have taken the message.
                throw new DeliveryException(DeliveryFailureKind.Uncertain, ex.Message, ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (IOException)
            {
                // The connection is gone either way; the messages' states are already recorded.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
