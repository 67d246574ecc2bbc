using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Paperboy.Tests.Support;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 and a port the OS picks, keeping what it receives.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _dataCount;
    private int _sessions;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    /// <summary>SMTP sessions (connections) the server has accepted so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Recipients refused with a permanent 550 at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Chooses the answer to each DATA from its sequence number (1-based, over the server's life) and the
    /// message; by default every message is accepted.
    /// </summary>
    public Func<int, ReceivedMessage, SmtpFault> DataFaults { get; set; } = (_, _) => SmtpFault.None;

    /// <summary>Messages whose connection was cut after their DATA, before a reply: the sender cannot know they arrived.</summary>
    public ConcurrentQueue<ReceivedMessage> Dropped { get; } = new();

    /// <summary>Messages answered 451 or 550 at DATA, with the fault.</summary>
    public ConcurrentQueue<(ReceivedMessage Message, SmtpFault Fault)> Refused { get; } = new();

    /// <summary>Every <paramref name="n"/>th DATA gets <paramref name="fault"/>, the others are accepted.</summary>
    public static Func<int, ReceivedMessage, SmtpFault> EveryNth(int n, SmtpFault fault) =>
        (sequence, _) => sequence % n == 0 ? fault : SmtpFault.None;

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        var listeners = new LoopbackListenerFactory();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(server));
        services.Add(new Filter(server));
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            // The package ends every session a fixed time after it opened (SessionTimeout, busy or not); a sender
            // that keeps its connections for a long run (the cluster tests) would see them cut mid-message.
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).SessionTimeout(TimeSpan.FromMinutes(30)))
            .Build();
        var smtp = new SmtpServer.SmtpServer(options, services);
        smtp.SessionCreated += (_, _) => Interlocked.Increment(ref server._sessions);
        server._running = smtp.StartAsync(server._stop.Token);
        server.Port = await listeners.Port.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    public sealed record ReceivedMessage(string From, IReadOnlyList<string> To, MimeMessage Message);

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            MimeMessage message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var received = new ReceivedMessage(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], message);
            SmtpFault fault = server.DataFaults(Interlocked.Increment(ref server._dataCount), received);
            switch (fault)
            {
                case SmtpFault.Transient:
                    server.Refused.Enqueue((received, fault));
                    return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Temporary failure, try again later");
                case SmtpFault.Permanent:
                    server.Refused.Enqueue((received, fault));
                    return new SmtpResponse((SmtpReplyCode)550, "5.7.1 Message refused");
                case SmtpFault.Disconnect:
                    server.Dropped.Enqueue(received);
                    ((PlainPipe)context.Pipe).Abort();
                    throw new OperationCanceledException("the test server cut the connection after DATA");
                default:
                    server.Received.Enqueue(received);
                    return SmtpResponse.Ok;
            }
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.RejectedRecipients.ContainsKey(to.AsAddress()));
    }

    /// <summary>Listens with Nagle off (the default listener stalls each reply ~40 ms) and reports the port it got.</summary>
    private sealed class LoopbackListenerFactory : IEndpointListenerFactory
    {
        public TaskCompletionSource<int> Port { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Server.NoDelay = true;
            listener.Start();
            Port.TrySetResult(((IPEndPoint)listener.LocalEndpoint).Port);
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            TcpClient client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>A plain-text connection; the package's own pipe type is internal, and tests need no TLS.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());

        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the test SMTP server speaks plain text only");

        /// <summary>Resets the connection at once, without a reply (a crashed server or a broken network).</summary>
        public void Abort()
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }

        public void Dispose() => client.Dispose();
    }
}
