using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Dapper;
using MimeKit;
using Paperboy.Scheduler;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class OutboxDispatcherTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Keeps_The_Message_Pending_And_Delivers_It_Later_When_The_Server_Is_Down()
    {
        // Arrange: a loopback port nobody listens on.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _workspace.UseSmtp(closedPort);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "patient@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult down = await _workspace.RunAsync("send-due");
        await using TestSmtpServer smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(smtp);
        CliResult tooSoon = await _workspace.RunAsync("send-due");
        _workspace.Time.Advance(TimeSpan.FromMinutes(2));
        CliResult later = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("will retry: cannot connect", down.Out, StringComparison.Ordinal);
        Assert.Contains("nothing is due", tooSoon.Out, StringComparison.Ordinal);
        Assert.True(later.ExitCode == 0, later.ToString());
        Assert.Equal(["patient@example.com"], Assert.Single(smtp.Received).To);
        Assert.Equal([2L], await _workspace.QueryAsync<long>("SELECT attempts FROM outbox WHERE state = 'sent'"));
    }

    [Fact]
    public async Task SendDue_Sends_A_Body_Stored_Uncompressed_When_It_Was_Queued_Before_Bodies_Were_Compressed()
    {
        // Arrange: a digest is planned while the server is down; its body is then put back as plain bytes, the way
        // versions before compression stored every message.
        await QueueWhileTheServerIsDownAsync("early@example.com");
        byte[] stored = Assert.Single(await _workspace.QueryAsync<byte[]>("SELECT mime FROM outbox_bodies"));
        byte[] plain = StoredMime.Unpack(stored);
        await using (DbConnection connection = _workspace.Connect())
        {
            await connection.ExecuteAsync("UPDATE outbox_bodies SET mime = @Plain", new { Plain = plain });
        }

        await using TestSmtpServer smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(smtp);
        _workspace.Time.Advance(TimeSpan.FromMinutes(2));

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert: the stored form was compressed, and the plain one is sent as it is.
        Assert.Equal(0, stored[0]);
        Assert.True(stored.Length * 2 < plain.Length, $"{plain.Length} bytes were stored as {stored.Length}");
        Assert.True(result.ExitCode == 0, result.ToString());
        MimeMessage received = Assert.Single(smtp.Received).Message;
        MimeMessage queued = MimeMessage.Load(new MemoryStream(plain), TestContext.Current.CancellationToken);
        Assert.Equal(queued.MessageId, received.MessageId);
        Assert.Equal(queued.HtmlBody, received.HtmlBody);
        Assert.Contains("segmentation", received.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT state FROM outbox"));
    }

    [Fact]
    public async Task SendDue_Cancels_The_Message_When_The_Recipient_Unsubscribed_After_Planning()
    {
        // Arrange: a digest is planned while the server is down, then the subscriber leaves.
        await QueueWhileTheServerIsDownAsync("leaver@example.com");
        await _workspace.QueryAsync<int>("UPDATE subscribers SET status = 'unsubscribed'");
        await using TestSmtpServer smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(smtp);
        _workspace.Time.Advance(TimeSpan.FromMinutes(2));

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(smtp.Received);
        Assert.Equal(["cancelled"], await _workspace.QueryAsync<string>("SELECT state FROM outbox"));
    }

    [Fact]
    public async Task SendDue_Cancels_A_Later_Message_Of_The_Batch_When_Its_Recipient_Unsubscribes_While_The_Batch_Is_Sent()
    {
        // Arrange: two digests wait in the outbox; one connection claims both in one batch.
        _workspace.Settings["Mail:Smtp:Connections"] = "1";
        await QueueWhileTheServerIsDownAsync("first@example.com", "second@example.com");
        await using TestSmtpServer smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(smtp);
        // While the server takes the first message, the other recipient leaves, and the batch's status read grows old.
        smtp.DataFaults = (sequence, message) =>
        {
            if (sequence == 1)
            {
                string other = message.To[0] == "first@example.com" ? "second@example.com" : "first@example.com";
                _workspace.QueryAsync<int>($"UPDATE subscribers SET status = 'unsubscribed' WHERE email = '{other}'").GetAwaiter().GetResult();
                Thread.Sleep(RecipientCheck.MaxAge * 3);
            }

            return SmtpFault.None;
        };
        _workspace.Time.Advance(TimeSpan.FromMinutes(2));

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        string delivered = Assert.Single(Assert.Single(smtp.Received).To);
        Assert.Equal(
            [(delivered == "first@example.com" ? "second@example.com" : "first@example.com", "cancelled"), (delivered, "sent")],
            (await _workspace.QueryAsync<(string, string)>("SELECT recipient, state FROM outbox")).OrderBy(r => r.Item2, StringComparer.Ordinal));
    }

    /// <summary>Plans a digest for each reader while no server listens (port 9), so each waits in the outbox.</summary>
    private async Task QueueWhileTheServerIsDownAsync(params string[] emails)
    {
        _workspace.UseSmtp(9);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        foreach (string email in emails)
        {
            await _workspace.RunAsync("subscribers", "add", email, "--keywords", "segmentation", "--timezone", "UTC");
        }

        await _workspace.RunAsync("send-due");
    }

    public sealed class OnSqlite() : OutboxDispatcherTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : OutboxDispatcherTests(postgres);
}
