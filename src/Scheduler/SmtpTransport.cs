using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>
/// Sends through an SMTP server with MailKit over a pool of at most <see cref="SmtpOptions.Connections"/>
/// connections. A session keeps its connection for many messages; a connection that ends cleanly goes back to
/// the pool for the next run, one that broke is closed.
/// </summary>
public sealed class SmtpTransport : IMailTransport, IAsyncDisposable
{
    // Servers drop idle clients after a while (RFC 5321 asks for 5 minutes; many wait less).
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly SmtpOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<IdleConnection> _idle = new();
    private volatile bool _disposed;

    public SmtpTransport(IOptions<SmtpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _slots = new SemaphoreSlim(_options.Connections, _options.Connections);
    }

    public int MaxSessions => _options.Connections;

    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            SmtpClient client = await ReuseIdleAsync(cancellationToken) ?? await ConnectAsync(cancellationToken);
            return new Session(this, client);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out IdleConnection? idle))
        {
            await CloseAsync(idle.Client);
        }

        _slots.Dispose();
    }

    private async Task<SmtpClient?> ReuseIdleAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out IdleConnection? idle))
        {
            if (!idle.Client.IsConnected || idle.Since.Elapsed > IdleLimit)
            {
                await CloseAsync(idle.Client);
                continue;
            }

            try
            {
                // A connection the server dropped while idle must fail here, not at MAIL FROM, where a break
                // would make the message 'uncertain' although nothing was sent.
                await idle.Client.NoOpAsync(cancellationToken);
                return idle.Client;
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException)
            {
                await CloseAsync(idle.Client);
            }
        }

        return null;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        // Nagle off: the end of each message is a small segment the server waits for before it answers, and
        // with delayed ACKs that stalls every message by ~40 ms (about 20 messages a second per connection).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, cancellationToken);
            await client.ConnectAsync(socket, _options.Host, _options.Port, _options.Security, cancellationToken);
            if (_options.Username.Length > 0)
            {
                await client.AuthenticateAsync(_options.Username, _options.Password, cancellationToken);
            }

            return client;
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException)
        {
            client.Dispose();
            socket.Dispose();
            // Nothing was sent on a connection that never opened.
            throw new DeliveryException(DeliveryFailureKind.Transient, $"cannot connect to {_options.Host}:{_options.Port}: {ex.Message}", ex);
        }
    }

    private async ValueTask ReturnAsync(SmtpClient client, bool healthy)
    {
        if (healthy && !_disposed && client.IsConnected)
        {
            _idle.Push(new IdleConnection(client, Stopwatch.StartNew()));
        }
        else
        {
            await CloseAsync(client);
        }

        if (!_disposed)
        {
            _slots.Release();
        }
    }

    private static async ValueTask CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The connection is gone either way; the messages' states are already recorded.
        }
        finally
        {
            client.Dispose();
        }
    }

    private sealed record IdleConnection(SmtpClient Client, Stopwatch Since);

    private sealed class Session(SmtpTransport pool, SmtpClient client) : IMailSession
    {
        private bool _healthy = true;
        private bool _disposed;

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
                _healthy &= kind == DeliveryFailureKind.Permanent;
                throw new DeliveryException(kind, $"{(int)ex.StatusCode} {ex.Message}", ex)
                {
                    RecipientRejected = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted,
                };
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
            {
                // The connection broke mid-transaction: the server may have taken the message.
                _healthy = false;
                throw new DeliveryException(DeliveryFailureKind.Uncertain, ex.Message, ex);
            }
            catch (OperationCanceledException)
            {
                // Stopped mid-conversation: the connection is in an unknown state and must not be reused.
                _healthy = false;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await pool.ReturnAsync(client, _healthy);
        }
    }
}
