using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Feeds;
using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Feeds;

/// <summary>Progress of long imports from a URL and of large documents, over a real HTTP server on 127.0.0.1.</summary>
public abstract class DownloadProgressTests(PostgresServer? postgres) : IAsyncLifetime
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), postgres);
    private TestFeedServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await TestFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Daily(int count) =>
        "[" + string.Join(",", Enumerable.Range(1, count).Select(i =>
            $$$"""{"paper":{"id":"2611.{{{i:D5}}}","title":"Paper number {{{i}}} on sparse attention","summary":"An abstract long enough to make the body span many reads: {{{new string('x', 200)}}}","upvotes":{{{i % 7}}},"authors":[]}}""")) + "]";

    [Fact]
    public async Task FetchAsync_Reports_Bytes_Of_Content_Length_Then_Papers_Stored_When_The_Feed_Is_Large()
    {
        // Arrange: 1,500 papers (more than one store batch), sent with a Content-Length.
        byte[] body = Encoding.UTF8.GetBytes(Daily(1500));
        _server.Serve("/api/daily_papers", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        CliResult migrate = await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        var reports = new List<IngestProgress>();

        // Act
        IngestReport report = await app.Services.GetRequiredService<FeedFetcher>().FetchAsync(
            "hf", _server.Url("/api/daily_papers"), PaperFormat.HuggingFace, new Recording(reports), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1500, report.Stored.Inserted);
        List<IngestProgress> downloading = [.. reports.Where(r => r.Stage == IngestStage.Downloading)];
        Assert.True(downloading.Count > 1, $"{downloading.Count} download reports");
        Assert.All(downloading, r => Assert.Equal(body.Length, r.TotalBytes));
        Assert.Equal(body.Length, downloading[^1].BytesRead);
        Assert.Equal(downloading.Select(r => r.BytesRead).Order(), downloading.Select(r => r.BytesRead));
        Assert.Equal([(1000, 1500), (1500, 1500)], reports.Where(r => r.Stage == IngestStage.Storing).Select(r => (r.Papers, r.TotalPapers)));
    }

    [Fact]
    public void Line_Shows_A_Bar_By_Bytes_Or_Papers_When_The_Total_Is_Known()
    {
        // Arrange
        var known = new IngestProgress(3_000_000, 12_000_000, 0) { Stage = IngestStage.Downloading };
        var unknown = new IngestProgress(3_000_000, 0, 0) { Stage = IngestStage.Downloading };
        var storing = new IngestProgress(0, 0, 1000) { Stage = IngestStage.Storing, TotalPapers = 4000 };

        // Act
        string[] lines = [ConsoleProgress.Line("feed", known), ConsoleProgress.Line("feed", unknown), ConsoleProgress.Line("feed", storing)];

        // Assert
        Assert.Equal(
            [
                "feed [########......................] 25% 3.0 of 12.0 MB downloaded",
                "feed 3.0 MB downloaded",
                "feed [########......................] 25% 1,000 of 4,000 papers stored",
            ],
            lines);
    }

    /// <summary>Records reports as they happen (<see cref="Progress{T}"/> would post them later, on the thread pool).</summary>
    private sealed class Recording(List<IngestProgress> reports) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => reports.Add(value);
    }

    public sealed class OnSqlite() : DownloadProgressTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DownloadProgressTests(postgres);
}
