using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Feeds;

/// <summary>The service's scheduled job fetches the configured sources by itself.</summary>
public abstract class FeedServiceTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Service_Fills_The_Catalog_From_Configured_Sources_When_Started()
    {
        // Arrange
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestFeedServer server = await TestFeedServer.StartAsync();
        server.Serve("/api/daily_papers", TestFeedServer.Body(Fixtures.Text(Fixtures.HuggingFaceNewsAssistant), "application/json"));
        server.Serve("/rss", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivRss), "application/rss+xml"));
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        _workspace.Settings["Feeds:Enabled"] = "true";
        _workspace.Settings["Feeds:Sources:0:Name"] = "test-huggingface";
        _workspace.Settings["Feeds:Sources:0:Kind"] = "HuggingFace";
        _workspace.Settings["Feeds:Sources:0:Url"] = server.Url("/api/daily_papers").ToString();
        _workspace.Settings["Feeds:Sources:0:Interval"] = "01:00:00";
        _workspace.Settings["Feeds:Sources:1:Name"] = "test-rss";
        _workspace.Settings["Feeds:Sources:1:Kind"] = "ArxivRss";
        _workspace.Settings["Feeds:Sources:1:Url"] = server.Url("/rss").ToString();
        _workspace.Settings["Feeds:Sources:1:Cron"] = "0 30 5 ? * MON-FRI";
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));

        // Act
        await app.StartAsync(ct);
        long papers = await WaitForPapersAsync(7, TimeSpan.FromSeconds(30), ct);
        await app.StopAsync(ct);

        // Assert: both triggers fire at start, the interval one and the cron one.
        Assert.Equal(7, papers);
        Assert.Equal(["test-huggingface", "test-rss"], await _workspace.QueryAsync<string>("SELECT DISTINCT source FROM papers ORDER BY source"));
    }

    private async Task<long> WaitForPapersAsync(long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long count = 0;
        while (!deadline.IsCancellationRequested)
        {
            // On SQLite, connecting before the service migrates would create an empty file under it.
            bool ready = _workspace.Provider == DatabaseProvider.Postgres || File.Exists(_workspace.DatabasePath);
            if (ready && (count = await TryCountAsync()) >= expected)
            {
                return count;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return count;
    }

    private async Task<long> TryCountAsync()
    {
        try
        {
            return await _workspace.CountAsync("papers");
        }
        catch (System.Data.Common.DbException)
        {
            return 0; // the schema is not there yet
        }
    }

    public sealed class OnSqlite() : FeedServiceTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : FeedServiceTests(postgres);
}
