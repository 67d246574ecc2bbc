using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>The hourly cap is counted in the database, so it holds across runs of send-due (restarts).</summary>
public abstract class DeliveryRateLimitTests(PostgresServer? postgres) : IAsyncLifetime
{
    private static readonly string[] Readers = ["r1@example.com", "r2@example.com", "r3@example.com", "r4@example.com", "r5@example.com"];

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _workspace.Settings["Mail:RateLimit:PerHour"] = "2";
        _workspace.Settings["Mail:RateLimit:PerSecond"] = "0";
        _workspace.UseSmtp(_smtp);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        foreach (string reader in Readers)
        {
            await _workspace.RunAsync("subscribers", "add", reader, "--keywords", "segmentation", "--timezone", "UTC");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Stops_At_The_Hourly_Limit_And_Sends_The_Rest_After_The_Hour_When_Run_Again()
    {
        // Arrange: five digests due, two allowed per hour.

        // Act
        CliResult first = await _workspace.RunAsync("send-due");
        List<string> statesAfterFirst = await _workspace.QueryAsync<string>("SELECT state FROM outbox ORDER BY state");
        CliResult restarted = await _workspace.RunAsync("send-due");
        _workspace.Time.Advance(TimeSpan.FromMinutes(59));
        CliResult stillInTheHour = await _workspace.RunAsync("send-due");
        int receivedWithinTheHour = _smtp.Received.Count;
        _workspace.Time.Advance(TimeSpan.FromMinutes(2));
        CliResult nextHour = await _workspace.RunAsync("send-due");
        int receivedInTheSecondHour = _smtp.Received.Count;
        _workspace.Time.Advance(TimeSpan.FromMinutes(61));
        CliResult thirdHour = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["pending", "pending", "pending", "sent", "sent"], statesAfterFirst);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Contains("nothing is due", stillInTheHour.Out, StringComparison.Ordinal);
        Assert.Equal(2, receivedWithinTheHour);
        Assert.True(nextHour.ExitCode == 0, nextHour.ToString());
        Assert.Equal(4, receivedInTheSecondHour);
        Assert.True(thirdHour.ExitCode == 0, thirdHour.ToString());
        Assert.Equal(Readers, _smtp.Received.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT DISTINCT state FROM outbox"));
        Assert.Equal(5, await _workspace.CountAsync("outbox"));
    }

    public sealed class OnSqlite() : DeliveryRateLimitTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DeliveryRateLimitTests(postgres);
}
