using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class OutboxCommandsTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Outbox_Lists_Uncertain_Messages_And_Retry_Sends_One_Again_Only_When_Asked()
    {
        // Arrange: a digest whose SMTP transaction broke off (what the dispatcher records as uncertain).
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "maybe@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("subscribers", "add", "surely@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("send-due");
        await _workspace.QueryAsync<int>("UPDATE outbox SET state = 'uncertain', last_error = 'connection reset during DATA' WHERE recipient = 'maybe@example.com'");
        long id = (await _workspace.QueryAsync<long>("SELECT id FROM outbox WHERE recipient = 'maybe@example.com'")).Single();

        // Act
        CliResult status = await _workspace.RunAsync("outbox", "status");
        CliResult list = await _workspace.RunAsync("outbox", "list");
        CliResult sendAgain = await _workspace.RunAsync("send-due");
        CliResult retry = await _workspace.RunAsync("outbox", "retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        CliResult retrySent = await _workspace.RunAsync("outbox", "retry", "1");
        CliResult retryMissing = await _workspace.RunAsync("outbox", "retry", "999");
        CliResult afterRetry = await _workspace.RunAsync("send-due");

        // Assert
        Assert.Matches(@"sent\s+1", status.Out);
        Assert.Matches(@"uncertain\s+1", status.Out);
        Assert.Equal(
            [
                "      ID  KIND         RECIPIENT                        STATE      ATTEMPTS  LAST ERROR",
                $"{id,8}  digest       maybe@example.com                uncertain         1  connection reset during DATA",
                "1 message(s)",
            ],
            list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Contains("nothing is due", sendAgain.Out, StringComparison.Ordinal);
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(1, retrySent.ExitCode);
        Assert.Matches(@"message 1 is (sent|pending): only a failed, uncertain or cancelled message can be sent again", retrySent.Error);
        Assert.Equal(1, retryMissing.ExitCode);
        Assert.Contains("there is no message 999 in the outbox", retryMissing.Error, StringComparison.Ordinal);
        Assert.Contains("maybe@example.com", afterRetry.Out, StringComparison.Ordinal);
        Assert.Contains("0 digests planned; messages: 1 sent", afterRetry.Out, StringComparison.Ordinal);
        Assert.Equal(["sent", "sent"], await _workspace.QueryAsync<string>("SELECT state FROM outbox ORDER BY id"));
    }

    [Fact]
    public async Task SendDue_Keeps_The_Message_Pending_And_Sends_It_Later_When_The_Pickup_Folder_Cannot_Be_Made()
    {
        // Arrange: a file where the pickup folder should be.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "later@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        if (Directory.Exists(_workspace.PickupDirectory))
        {
            Directory.Delete(_workspace.PickupDirectory, recursive: true);
        }

        await File.WriteAllTextAsync(_workspace.PickupDirectory, "in the way", TestContext.Current.CancellationToken);

        // Act
        CliResult blocked = await _workspace.RunAsync("send-due");
        List<string> afterBlocked = await _workspace.QueryAsync<string>("SELECT state || '|' || COALESCE(last_error, '') FROM outbox");
        File.Delete(_workspace.PickupDirectory);
        _workspace.Time.Advance(TimeSpan.FromHours(1));
        CliResult later = await _workspace.RunAsync("send-due");

        // Assert: a failure to deliver, retried, not a message left claimed and then uncertain.
        Assert.Contains("will retry: cannot write", blocked.Out, StringComparison.Ordinal);
        Assert.StartsWith("pending|cannot write", Assert.Single(afterBlocked), StringComparison.Ordinal);
        Assert.True(later.ExitCode == 0, later.ToString());
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT state FROM outbox"));
    }

    [Fact]
    public async Task OutboxList_Takes_The_State_In_Any_Case_And_Refuses_An_Unknown_One_As_A_Usage_Error()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("send-due");

        // Act
        CliResult upper = await _workspace.RunAsync("outbox", "list", "--state", "SENT");
        CliResult unknown = await _workspace.RunAsync("outbox", "list", "--state", "lost");

        // Assert
        Assert.True(upper.ExitCode == 0, upper.ToString());
        Assert.Contains("reader@example.com", upper.Out, StringComparison.Ordinal);
        Assert.Contains("1 message(s)", upper.Out, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: --state 'lost' is not one of: pending, sending, sent, failed, uncertain, cancelled", unknown.Error, StringComparison.Ordinal);
    }

    public sealed class OnSqlite() : OutboxCommandsTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : OutboxCommandsTests(postgres);
}
