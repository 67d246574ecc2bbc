using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

/// <summary>The service as `dotnet run --project src` starts it: Kestrel on loopback and the Quartz scheduler.</summary>
public abstract class ServiceTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Service_Answers_Health_And_Its_Scheduled_Job_Sends_Due_Digests_When_Started()
    {
        // Arrange
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "service@example.com", "--keywords", "robot", "--timezone", "UTC");
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        _workspace.Settings["Scheduler:Interval"] = "00:00:05";
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));

        // Act
        await app.StartAsync(ct);
        string[] written = await WaitForFilesAsync(_workspace.PickupDirectory, TimeSpan.FromSeconds(30), ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        string health = await http.GetStringAsync(new Uri("/healthz", UriKind.Relative), ct);
        await app.StopAsync(ct);

        // Assert
        Assert.StartsWith("http://127.0.0.1:", app.Urls.Single(), StringComparison.Ordinal);
        using (var report = System.Text.Json.JsonDocument.Parse(health))
        {
            System.Text.Json.JsonElement checks = report.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("quartz-scheduler").GetProperty("status").GetString());
            Assert.True(checks.GetProperty("outbox").GetProperty("data").TryGetProperty("sent", out _));
        }
        Assert.Single(written);
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT state FROM outbox"));
    }

    [Fact]
    public async Task Service_Keeps_Its_Schedule_In_The_Database_And_Runs_Due_Work_At_Once_After_A_Restart()
    {
        // Arrange: the service runs once with nobody subscribed, and stops.
        CancellationToken ct = TestContext.Current.CancellationToken;
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        await using (WebApplication first = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time)))
        {
            await first.StartAsync(ct);
            await first.StopAsync(ct);
        }

        List<string> triggers = await _workspace.QueryAsync<string>("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS ORDER BY TRIGGER_NAME");
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "restart@example.com", "--keywords", "robot", "--timezone", "UTC");

        // Act: while it was down a digest became due; the restarted service sends it without waiting an interval.
        await using WebApplication second = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        await second.StartAsync(ct);
        string[] written = await WaitForFilesAsync(_workspace.PickupDirectory, TimeSpan.FromSeconds(30), ct);
        await second.StopAsync(ct);

        // Assert
        Assert.Contains("send-due-every-interval", triggers);
        Assert.Single(written);
        Assert.Equal(["restart@example.com"], await _workspace.QueryAsync<string>("SELECT recipient FROM outbox WHERE state = 'sent'"));
    }

    private static async Task<string[]> WaitForFilesAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory, "*.eml") is { Length: > 0 } files)
            {
                return files;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return [];
    }

    public sealed class OnSqlite() : ServiceTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : ServiceTests(postgres);
}
