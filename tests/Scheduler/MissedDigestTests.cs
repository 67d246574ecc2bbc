using Paperboy.Scheduler;
using Paperboy.Subscribers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class MissedDigestTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Reports_Digests_Skipped_While_Down_And_Sends_Todays_When_The_Service_Is_Back()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "segmentation, detection, reinforcement, language model, transformer, diffusion", "--timezone", "UTC", "--hour", "7");
        await _workspace.RunAsync("send-due");

        // Act: three days without any run.
        _workspace.Time.Advance(TimeSpan.FromDays(3));
        CliResult back = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Matches(@"reader@example\.com\s+2026-11-28\s+0\s+skipped: nothing was planning", back.Out);
        Assert.Matches(@"reader@example\.com\s+2026-11-29\s+0\s+skipped", back.Out);
        Assert.DoesNotMatch(@"reader@example\.com\s+2026-11-27", back.Out);
        Assert.Matches(@"reader@example\.com\s+2026-11-30\s+\d+\s+sent", back.Out);
        Assert.Equal(["2026-11-27", "2026-11-30"], await _workspace.QueryAsync<string>("SELECT period FROM digests ORDER BY period"));
    }

    [Fact]
    public void Between_Names_Each_Ended_Period_Once_When_Downtime_Crosses_Local_Days_And_A_Clock_Change()
    {
        // Arrange: Berlin, 07:00; down from Saturday 24 Oct 2026 09:00 local to Tuesday 27 Oct 09:00 local (clocks went back on the 25th).
        var subscriber = new Subscriber(1, "a@example.com", SubscriberStatus.Active, DigestFrequency.Daily, "Europe/Berlin", 7, ["x"]);
        var lastRun = new DateTimeOffset(2026, 10, 24, 7, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 10, 27, 8, 0, 0, TimeSpan.Zero);

        // Act
        IReadOnlyList<string> missed = MissedPeriods.Between(subscriber, lastRun, now, DayOfWeek.Monday);

        // Assert: the 24th had its chance at the last run, the 27th is still due now.
        Assert.Equal(["2026-10-25", "2026-10-26"], missed);
    }

    public sealed class OnSqlite() : MissedDigestTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : MissedDigestTests(postgres);
}
