using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Paperboy.Bench;

/// <summary>The baseline: a plain MailKit loop per connection, no database, no state, no checks.</summary>
internal static class RawSender
{
    public static async Task<double> MessagesPerSecondAsync(int port, int connections, IReadOnlyList<byte[]> messages)
    {
        int next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            // Nagle off, as in SmtpTransport: otherwise every message waits ~40 ms for a delayed ACK.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
                using var stream = new MemoryStream(messages[i]);
                MimeMessage message = await MimeMessage.LoadAsync(stream);
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        })));
        return messages.Count / watch.Elapsed.TotalSeconds;
    }
}
