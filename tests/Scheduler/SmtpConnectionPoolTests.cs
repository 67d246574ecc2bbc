using Microsoft.Extensions.Options;
using MimeKit;
using Paperboy.Scheduler;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class SmtpConnectionPoolTests(PostgresServer? postgres) : IAsyncLifetime
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync() => _smtp = await TestSmtpServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task SendDue_Delivers_Each_Digest_Once_Over_At_Most_The_Configured_Connections_When_Many_Are_Due(int connections)
    {
        // Arrange
        _workspace.UseSmtp(_smtp);
        _workspace.Settings["Mail:Smtp:Connections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        string[] readers = [.. Enumerable.Range(1, 12).Select(i => $"reader{i:00}@example.com")];
        foreach (string reader in readers)
        {
            await _workspace.RunAsync("subscribers", "add", reader, "--keywords", "segmentation", "--timezone", "UTC");
        }

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert: every digest arrived exactly once, and connections were reused (12 messages, at most the pool's
        // sessions). How many workers took part is timing: one may claim the whole batch of 12 before the others start.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(readers, _smtp.Received.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT DISTINCT state FROM outbox"));
        Assert.InRange(_smtp.Sessions, 1, connections);
    }

    [Fact]
    public async Task OpenAsync_Reuses_The_Pooled_Connection_When_The_Previous_Session_Ended_Cleanly()
    {
        // Arrange
        await using var transport = new SmtpTransport(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = _smtp.Port,
            Security = MailKit.Security.SecureSocketOptions.None,
            Connections = 2,
        }));

        // Act: two dispatch runs, one after the other.
        await using (IMailSession first = await transport.OpenAsync(TestContext.Current.CancellationToken))
        {
            await first.SendAsync(Message("first@example.com"), TestContext.Current.CancellationToken);
        }

        await using (IMailSession second = await transport.OpenAsync(TestContext.Current.CancellationToken))
        {
            await second.SendAsync(Message("second@example.com"), TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal(["first@example.com", "second@example.com"], _smtp.Received.SelectMany(m => m.To));
        Assert.Equal(1, _smtp.Sessions);
    }

    [Fact]
    public async Task OpenAsync_Opens_A_Fresh_Connection_When_The_Previous_Session_Broke()
    {
        // Arrange: the first session fails with a connection-level error, so its connection must not be pooled.
        await using var transport = new SmtpTransport(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = _smtp.Port,
            Security = MailKit.Security.SecureSocketOptions.None,
            Connections = 1,
        }));
        using var cancelled = new CancellationTokenSource();
        IMailSession broken = await transport.OpenAsync(TestContext.Current.CancellationToken);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => broken.SendAsync(Message("lost@example.com"), cancelled.Token));
        await broken.DisposeAsync();

        // Act
        await using (IMailSession fresh = await transport.OpenAsync(TestContext.Current.CancellationToken))
        {
            await fresh.SendAsync(Message("next@example.com"), TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal(["next@example.com"], _smtp.Received.SelectMany(m => m.To));
        Assert.Equal(2, _smtp.Sessions);
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("digest@paperboy.localhost"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "pool test";
        message.Body = new TextPart("plain") { Text = "hello" };
        return message;
    }

    public sealed class OnSqlite() : SmtpConnectionPoolTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SmtpConnectionPoolTests(postgres);
}
