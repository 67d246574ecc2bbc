using Microsoft.AspNetCore.Http;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Feeds;

/// <summary>Papers named as liked at sign-up that the catalog lacks: fetched from the arXiv API, then liked.</summary>
public abstract class WantedPaperFetchTests(PostgresServer? postgres) : IAsyncLifetime
{
    private const string Liked = "SELECT p.paper_key FROM subscriber_papers o JOIN papers p ON p.id = o.paper_id WHERE o.opinion = 'liked' ORDER BY p.paper_key";
    private const string Wanted = "SELECT paper_key || ':' || attempts FROM wanted_papers ORDER BY paper_key";

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
    private TestFeedServer _arxiv = null!;

    public async ValueTask InitializeAsync()
    {
        _arxiv = await TestFeedServer.StartAsync();
        _workspace.Settings["Feeds:ArxivApiUrl"] = _arxiv.Url("/api/query").ToString();
        _workspace.Settings["Feeds:MaxRetries"] = "0";
    }

    public async ValueTask DisposeAsync()
    {
        await _arxiv.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task FetchWanted_Likes_The_Papers_The_Api_Returns_And_Gives_Up_On_An_Unknown_Id_After_Three_Tries()
    {
        // Arrange: two ids the (recorded) API response has, one it does not.
        _arxiv.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiCurrent), "application/atom+xml"));
        CliResult added = await _workspace.RunAsync(
            "subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "2202.12139, https://arxiv.org/abs/2405.13786v1, 2611.99999");
        List<string> wantedBefore = await _workspace.QueryAsync<string>(Wanted);

        // Act
        CliResult first = await _workspace.RunAsync("papers", "fetch-wanted");
        List<string> wantedAfterFirst = await _workspace.QueryAsync<string>(Wanted);
        await _workspace.RunAsync("papers", "fetch-wanted");
        CliResult third = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("3 liked paper(s)", added.Out, StringComparison.Ordinal);
        Assert.Equal(["arxiv:2202.12139:0", "arxiv:2405.13786:0", "arxiv:2611.99999:0"], wantedBefore);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("3 paper(s) asked of the arXiv API; 2 liked paper(s) added", first.Out, StringComparison.Ordinal);
        Assert.Equal("?id_list=2202.12139,2405.13786,2611.99999&max_results=3", _arxiv.Requests.First().Query);
        Assert.Equal(["arxiv:2611.99999:1"], wantedAfterFirst);
        Assert.Equal(["arxiv:2202.12139", "arxiv:2405.13786"], await _workspace.QueryAsync<string>(Liked));
        Assert.Contains("arxiv:2611.99999: not found by the arXiv API in 3 tries, given up", third.Error, StringComparison.Ordinal);
        Assert.Empty(await _workspace.QueryAsync<string>(Wanted));
        Assert.Equal(3, _arxiv.Requests.Count);
    }

    [Fact]
    public async Task FetchWanted_Counts_No_Try_Against_The_Ids_When_The_Api_Fails()
    {
        // Arrange
        _arxiv.Serve("/api/query", TestFeedServer.Status(503));
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "2202.12139");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: the arXiv API: HTTP 503", result.Error, StringComparison.Ordinal);
        Assert.Equal(["arxiv:2202.12139:0"], await _workspace.QueryAsync<string>(Wanted));
        Assert.Empty(await _workspace.QueryAsync<string>(Liked));
    }

    [Fact]
    public async Task FetchWanted_Asks_For_Each_Id_Alone_And_Fails_Naming_The_Bad_One_When_The_Api_Refuses_The_List_For_It()
    {
        // Arrange: the real API answers 400 with an error entry for a whole list when one id cannot be parsed.
        Func<HttpContext, Task> found = TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiCurrent), "application/atom+xml");
        _arxiv.Serve("/api/query", async context =>
        {
            if (!context.Request.QueryString.Value!.Contains("abc/", StringComparison.Ordinal))
            {
                await found(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/atom+xml";
            await context.Response.WriteAsync(Fixtures.Text(Fixtures.ArxivApiError));
        });
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "abc/1234567, 2202.12139");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert: the good id is liked; the refused one is named and keeps its try, a skipped record (exit 3).
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: arxiv:abc/1234567: the arXiv API answered HTTP 400 Bad Request", result.Error.TrimEnd());
        Assert.Contains("2 paper(s) asked of the arXiv API; 1 liked paper(s) added", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            ["?id_list=2202.12139,abc/1234567&max_results=2", "?id_list=2202.12139&max_results=1", "?id_list=abc/1234567&max_results=1"],
            _arxiv.Requests.Select(r => r.Query));
        Assert.Equal(["arxiv:2202.12139"], await _workspace.QueryAsync<string>(Liked));
        Assert.Equal(["arxiv:abc/1234567:1"], await _workspace.QueryAsync<string>(Wanted));
    }

    [Fact]
    public async Task FetchWanted_Fails_With_The_Api_Error_When_The_Api_Answers_200_With_Its_Error_Entry()
    {
        // Arrange: the recorded error entry, served with 200 instead of the real API's 400.
        _arxiv.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiError), "application/atom+xml"));
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "2202.12139");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert: the API said no to this id, so the try counts, and the operator is told.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: arxiv:2202.12139: the arXiv API answered with an error: incorrect id format for abc",
            result.Error.TrimEnd());
        Assert.Equal(["arxiv:2202.12139:1"], await _workspace.QueryAsync<string>(Wanted));
        Assert.Empty(await _workspace.QueryAsync<string>(Liked));
    }

    [Fact]
    public async Task FetchWanted_Succeeds_And_Counts_A_Try_When_The_Api_Has_No_Such_Paper()
    {
        // Arrange: the API's answer for an id it does not know is an empty feed, which is not an error.
        _arxiv.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiEmpty), "application/atom+xml"));
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "2611.99999");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Equal(["arxiv:2611.99999:1"], await _workspace.QueryAsync<string>(Wanted));
    }

    [Fact]
    public async Task FetchWanted_Asks_Nothing_For_A_Sign_Up_That_Is_Not_Confirmed()
    {
        // Arrange
        _arxiv.Serve("/api/query", TestFeedServer.Body(Fixtures.Text(Fixtures.ArxivApiCurrent), "application/atom+xml"));
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "2202.12139");
        await _workspace.QueryAsync<long>("UPDATE subscribers SET status = 'pending' RETURNING id");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert
        Assert.Contains("0 paper(s) asked", result.Out, StringComparison.Ordinal);
        Assert.Empty(_arxiv.Requests);
        Assert.Equal(["arxiv:2202.12139:0"], await _workspace.QueryAsync<string>(Wanted));
    }

    [Fact]
    public async Task Add_Likes_A_Paper_At_Once_And_Asks_Nothing_When_The_Catalog_Has_It()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", Fixtures.PathOf(Fixtures.ArxivApiCurrent));

        // Act
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "testing", "--liked", "arxiv:2202.12139v1");
        CliResult fetch = await _workspace.RunAsync("papers", "fetch-wanted");

        // Assert
        Assert.Equal(["arxiv:2202.12139"], await _workspace.QueryAsync<string>(Liked));
        Assert.Empty(await _workspace.QueryAsync<string>(Wanted));
        Assert.Contains("0 paper(s) asked", fetch.Out, StringComparison.Ordinal);
        Assert.Empty(_arxiv.Requests);
    }

    public sealed class OnSqlite() : WantedPaperFetchTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : WantedPaperFetchTests(postgres);
}
