using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

/// <summary>Every bad input gets a clear message and a non-zero exit, and loses nothing already stored.</summary>
public abstract class BadInputTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PapersIngest_Reports_The_Line_And_Keeps_Valid_Papers_When_The_Corpus_Is_Truncated()
    {
        // Arrange: the first 11 lines of the corpus: 2 heading lines, 4 whole papers, then a title cut off from its abstract.
        string[] lines = File.ReadAllLines(TestWorkspace.SampleCorpus);
        string path = _workspace.WriteFile("truncated.txt", string.Join('\n', lines.Take(11)));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", path);

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("line 11: a title with no abstract after it (is the file truncated?)", result.Error, StringComparison.Ordinal);
        Assert.Contains("4 papers read, 4 new", result.Out, StringComparison.Ordinal);
        Assert.Equal(4, await _workspace.CountAsync("papers"));
    }

    [Fact]
    public async Task PapersIngest_Skips_A_Line_That_Is_Not_Json_And_Stores_The_Others()
    {
        // Arrange
        string path = _workspace.WriteFile("papers.jsonl", """
            {"id": "2606.00467v2", "title": "Graph neural networks for proteins", "abstract": "We study graph neural networks on protein structures at scale.", "authors": ["A. Author"], "upvotes": 12}
            {"id": "2606.00468", "title": "Broken line", "abstract": 
            {"id": "2606.00469", "title": "Diffusion for molecules", "abstract": "A diffusion model that generates molecules with constraints."}
            """);

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", path);

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("line 2: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Equal(
            ["arxiv:2606.00467", "arxiv:2606.00469"],
            await _workspace.QueryAsync<string>("SELECT paper_key FROM papers ORDER BY paper_key"));
    }

    [Fact]
    public async Task PapersIngest_Reports_Each_Skipped_Line_Once_When_Run_As_A_Process()
    {
        // Arrange: the real binary, whose console logger writes to the same stderr as the command.
        string path = _workspace.WriteFile("once.jsonl", """
            {"id": "2606.00467", "title": "Graph neural networks for proteins", "abstract": "We study graph neural networks on protein structures at scale."}
            not json
            """);

        // Act
        using AppProcess process = AppProcess.Start(_workspace.Settings, "papers", "ingest", path);
        await process.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(3, process.Process.ExitCode);
        Assert.Equal(1, process.CountLines("skipped line 2: not valid JSON"));
    }

    [Fact]
    public async Task PapersIngest_Fails_Clearly_When_The_File_Does_Not_Exist()
    {
        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", Path.Combine(_workspace.Root, "missing.jsonl"));

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: no such file: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PapersIngest_Fails_Clearly_When_Given_A_Folder()
    {
        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _workspace.Root);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {_workspace.Root} is a folder; give one file of papers", result.Error.Trim());
    }

    [Fact]
    public async Task SubscribersAdd_Rejects_An_Invalid_Email_And_Keeps_Existing_Subscribers()
    {
        // Arrange
        CliResult valid = await _workspace.RunAsync("subscribers", "add", "kept@example.com", "--keywords", "robots");

        // Act
        CliResult invalid = await _workspace.RunAsync("subscribers", "add", "not-an-email", "--keywords", "robots");

        // Assert
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("'not-an-email' is not an email address", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(["kept@example.com"], await _workspace.QueryAsync<string>("SELECT email FROM subscribers"));
    }

    [Theory]
    [InlineData("--timezone", "Mars/Olympus_Mons", "is not a known time zone")]
    [InlineData("--keywords", " , ", "at least one keyword is needed")]
    [InlineData("--frequency", "hourly", "is not one of: daily, weekly")]
    [InlineData("--hour", "24", "is not between 0 and 23")]
    public async Task SubscribersAdd_Explains_What_Is_Wrong_When_An_Option_Is_Invalid(string option, string value, string message)
    {
        // Arrange
        await _workspace.RunAsync("migrate");
        List<string> args = ["subscribers", "add", "someone@example.com", option, value];
        if (option != "--keywords")
        {
            args.AddRange(["--keywords", "robots"]);
        }

        // Act
        CliResult result = await _workspace.RunAsync([.. args]);

        // Assert: every field comes from the command line, so the command line is wrong.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Fact]
    public async Task SubscribersAdd_Refuses_An_Address_That_Is_Already_Subscribed()
    {
        // Arrange
        await _workspace.RunAsync("subscribers", "add", "twice@example.com", "--keywords", "robots");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "add", "TWICE@example.com", "--keywords", "other");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already subscribed", result.Error, StringComparison.Ordinal);
        Assert.Equal(["robots"], await _workspace.QueryAsync<string>("SELECT keyword FROM subscriber_keywords"));
    }

    [Fact]
    public async Task Run_Exits_With_Usage_Error_When_The_Command_Is_Unknown()
    {
        // Act
        CliResult result = await _workspace.RunAsync("papers", "eat");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("eat", result.Error, StringComparison.Ordinal);
    }

    public sealed class OnSqlite() : BadInputTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : BadInputTests(postgres);
}
