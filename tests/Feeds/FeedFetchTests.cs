using System.Diagnostics;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Feeds;

/// <summary><c>papers ingest URL</c> against a real HTTP server on 127.0.0.1 serving the real feed responses.</summary>
public abstract class FeedFetchTests(PostgresServer? postgres) : IAsyncLifetime
{
    private const string Json = "application/json; charset=utf-8";
    private const string Rss = "application/rss+xml; charset=utf-8";
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero), postgres);
    private TestFeedServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestFeedServer.StartAsync();
        // Short waits keep the tests fast; what they check is which waits happen, not their default lengths.
        _workspace.Settings["Feeds:RetryDelay"] = "00:00:00.020";
        _workspace.Settings["Feeds:Timeout"] = "00:00:20";
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PapersIngest_Does_No_Work_When_The_Server_Answers_304_To_The_Remembered_ETag()
    {
        // Arrange
        _server.Serve("/api/daily_papers", TestFeedServer.Body(Fixtures.Text(Fixtures.HuggingFaceSotawhat), Json, "\"day-1\""));
        string url = _server.Url("/api/daily_papers").ToString();
        CliResult first = await _workspace.RunAsync("papers", "ingest", url);
        List<string> updatedBefore = await _workspace.QueryAsync<string>("SELECT updated_at FROM papers ORDER BY id");
        _workspace.Time.Advance(TimeSpan.FromHours(1));

        // Act
        CliResult second = await _workspace.RunAsync("papers", "ingest", url);

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("30 papers read, 30 new, 0 updated, 0 already stored, 0 duplicates in the feed, 0 skipped", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("not modified since the last fetch", second.Out, StringComparison.Ordinal);
        TestFeedServer.RecordedRequest[] requests = [.. _server.Requests];
        Assert.Equal(["", "\"day-1\""], requests.Select(r => r.IfNoneMatch));
        Assert.StartsWith("Paperboy/", requests[0].UserAgent, StringComparison.Ordinal);
        Assert.Equal(updatedBefore, await _workspace.QueryAsync<string>("SELECT updated_at FROM papers ORDER BY id"));
    }

    [Fact]
    public async Task PapersIngest_Waits_As_Long_As_Retry_After_Says_When_The_Server_Answers_429()
    {
        // Arrange
        _server.Serve("/rss", TestFeedServer.Status(429, retryAfter: "1"), TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivRss), Rss));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _server.Url("/rss").ToString());

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 papers read, 4 new", result.Out, StringComparison.Ordinal);
        TestFeedServer.RecordedRequest[] requests = [.. _server.Requests];
        Assert.Equal(2, requests.Length);
        // The configured backoff is 20 ms; only Retry-After explains a second's wait.
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromMilliseconds(950), $"retried after {Gap(requests[0], requests[1])}");
    }

    [Fact]
    public async Task PapersIngest_Retries_And_Stores_The_Papers_When_The_Server_Answers_500_Then_503()
    {
        // Arrange
        _server.Serve("/rss", TestFeedServer.Status(500), TestFeedServer.Status(503), TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivRss), Rss));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _server.Url("/rss").ToString());

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(4, await _workspace.CountAsync("papers"));
    }

    [Fact]
    public async Task PapersIngest_Gives_Up_With_A_Clear_Error_When_The_Server_Keeps_Failing()
    {
        // Arrange
        _workspace.Settings["Feeds:MaxRetries"] = "2";
        _server.Serve("/rss", TestFeedServer.Status(502));
        string url = _server.Url("/rss").ToString();

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", url);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {url}: HTTP 502 Bad Gateway", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(["HTTP 502 Bad Gateway"], await _workspace.QueryAsync<string>("SELECT last_error FROM feed_state"));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "the source sent an HTML page (text/html), not a feed")]
    [InlineData("application/json", "the source sent an HTML page, not a feed")]
    public async Task PapersIngest_Rejects_The_Body_And_Keeps_The_Catalog_When_A_200_Carries_An_Html_Page(string contentType, string message)
    {
        // Arrange
        _server.Serve("/rss", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivRss), Rss, "\"v1\""));
        string url = _server.Url("/rss").ToString();
        await _workspace.RunAsync("papers", "ingest", url);
        List<string> before = await _workspace.QueryAsync<string>("SELECT paper_key || title || abstract || updated_at FROM papers ORDER BY id");
        _server.Serve("/rss", TestFeedServer.Body("<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>", contentType));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", url);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {url}: {message}", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, before.Count);
        Assert.Equal(before, await _workspace.QueryAsync<string>("SELECT paper_key || title || abstract || updated_at FROM papers ORDER BY id"));
    }

    [Fact]
    public async Task PapersIngest_Keeps_The_Papers_Before_The_Cut_And_Reports_It_When_The_Body_Exceeds_The_Cap()
    {
        // Arrange: the compact June response is 166 kB; only its first items fit in 20 kB.
        _workspace.Settings["Feeds:MaxBodyBytes"] = "20000";
        _server.Serve("/api/daily_papers", TestFeedServer.Body(Fixtures.Text(Fixtures.HuggingFaceSotawhat), Json));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _server.Url("/api/daily_papers").ToString());

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("the body is larger than Feeds:MaxBodyBytes (20000 bytes)", result.Error, StringComparison.Ordinal);
        long stored = await _workspace.CountAsync("papers");
        Assert.InRange(stored, 1, 29);
        Assert.Contains("arxiv:2606.00467", await _workspace.QueryAsync<string>("SELECT paper_key FROM papers"));
    }

    [Fact]
    public async Task PapersIngest_Reports_The_Api_Error_And_Stores_Nothing_When_Arxiv_Answers_With_Its_Error_Entry()
    {
        // Arrange
        _server.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiError), "application/atom+xml"));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _server.Url("/api/query").ToString());

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the arXiv API answered with an error: incorrect id format for abc", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("papers"));
    }

    [Fact]
    public async Task PapersIngest_Prints_One_Line_Per_Retry_And_One_Error_Without_Stack_Traces_When_Run_As_A_Process_And_The_Connection_Is_Refused()
    {
        // Arrange: a loopback port that was just free, so connecting to it is refused (an exception, not a status).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string url = $"http://127.0.0.1:{port}/feed.xml";
        _workspace.Settings["Feeds:MaxRetries"] = "2";

        // Act
        using AppProcess process = AppProcess.Start(_workspace.Settings, "papers", "ingest", url);
        await process.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        // Assert: the two retries, one warning line each, then the command's error; no Polly log, no trace.
        string[] lines = process.Output.Split('\n');
        Assert.Equal(1, process.Process.ExitCode);
        Assert.True(lines.Length == 3, process.Output);
        Assert.Contains("retry 1 of 2", lines[0], StringComparison.Ordinal);
        Assert.Contains("retry 2 of 2", lines[1], StringComparison.Ordinal);
        Assert.All(lines[..2], line => Assert.StartsWith($"warn: Paperboy.Feeds.FeedRetries", line, StringComparison.Ordinal));
        Assert.All(lines[..2], line => Assert.Contains($"{url}: Connection refused", line, StringComparison.Ordinal));
        Assert.StartsWith($"error: {url}: cannot reach 127.0.0.1: Connection refused", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PapersIngest_Prints_An_Unusable_Document_Once_When_Run_As_A_Process()
    {
        // Arrange
        _server.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiError), "application/atom+xml"));
        string url = _server.Url("/api/query").ToString();

        // Act
        using AppProcess process = AppProcess.Start(_workspace.Settings, "papers", "ingest", url);
        await process.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        // Assert: the command's `error:` line, and no log line saying it again.
        Assert.Equal(1, process.Process.ExitCode);
        Assert.Equal(1, process.CountLines("incorrect id format for abc"));
        Assert.Equal(1, process.CountLines($"error: {url}: line 9: the arXiv API answered with an error: incorrect id format for abc"));
        Assert.Equal(0, process.CountLines("fail:"));
    }

    [Fact]
    public async Task PapersIngest_Keeps_Arxiv_Spacing_Between_Attempts_When_The_Host_Is_Polite()
    {
        // Arrange
        _workspace.Settings["Feeds:PoliteHosts:0"] = "127.0.0.1";
        _workspace.Settings["Feeds:PoliteSpacing"] = "00:00:00.600";
        _server.Serve("/api/query", TestFeedServer.Status(503), TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiCurrent), "application/atom+xml"));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _server.Url("/api/query").ToString());

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        TestFeedServer.RecordedRequest[] requests = [.. _server.Requests];
        Assert.Equal(2, requests.Length);
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromMilliseconds(590), $"second attempt after {Gap(requests[0], requests[1])}");
        Assert.Equal(10, await _workspace.CountAsync("papers"));
    }

    private static TimeSpan Gap(TestFeedServer.RecordedRequest first, TestFeedServer.RecordedRequest second) =>
        Stopwatch.GetElapsedTime(first.Timestamp, second.Timestamp);

    public sealed class OnSqlite() : FeedFetchTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : FeedFetchTests(postgres);
}
