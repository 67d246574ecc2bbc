using System.Net;
using System.Net.Sockets;
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
    public async Task SendDue_Cancels_The_Message_When_The_Recipient_Unsubscribed_After_Planning()
    {
        // Arrange: a digest is planned while the server is down, then the subscriber leaves.
        _workspace.UseSmtp(9);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "leaver@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("send-due");
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

    public sealed class OnSqlite() : OutboxDispatcherTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : OutboxDispatcherTests(postgres);
}
