using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Inbound;

public abstract class PollInboundJobTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Service_Polls_The_Mailbox_On_Its_Own_When_Inbound_Is_Configured()
    {
        // Arrange: a digest sent, and its hard bounce waiting in the mailbox before the service starts.
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, "imap");
        MimeMessage digest = (await InboundSetup.SendDigestsAsync(_workspace, "reader@example.com"))[0];
        await dovecot.AppendAsync(ReportMessages.PostfixDsn(digest, "reader@example.com", "failed", "5.2.1", "550 5.2.1 mailbox disabled"));

        // Act: the Quartz trigger fires at start, then every PollInterval.
        await using TestWebApp app = await TestWebApp.StartAsync(_workspace);
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (await dovecot.CountAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal(0, await dovecot.CountAsync());
        Assert.Equal(["bounce: 5.2.1 smtp; 550 5.2.1 mailbox disabled"], await _workspace.QueryAsync<string>("SELECT reason FROM suppressions"));
    }

    public sealed class OnSqlite() : PollInboundJobTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : PollInboundJobTests(postgres);
}
