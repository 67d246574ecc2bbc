using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Hosting;
using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

/// <summary>One paper, one row, whichever source it comes from; popularity refreshed without touching the send log.</summary>
public abstract class CatalogTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(Fixtures.HuggingFaceSotawhat, "huggingface", 30)]
    [InlineData(Fixtures.HuggingFaceNewsAssistant, "huggingface", 3)]
    [InlineData(Fixtures.ArxivApiLegacy, "arxivapi", 10)]
    [InlineData(Fixtures.ArxivApiCurrent, "arxivapi", 10)]
    [InlineData(Fixtures.ArxivRss, "arxivrss", 4)]
    [InlineData(Fixtures.Kaggle, "kaggle", 200)]
    public async Task PapersIngest_Detects_The_Format_And_Stores_Every_Paper_When_Given_A_Real_Feed_File(string fixture, string format, int count)
    {
        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", Fixtures.PathOf(fixture));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"({format}): {count} papers read, {count} new", result.Out, StringComparison.Ordinal);
        Assert.Equal(count, await _workspace.CountAsync("papers"));
    }

    [Fact]
    public async Task PapersIngest_Stores_The_Paper_Once_And_Merges_Its_Fields_When_Two_Sources_Carry_It()
    {
        // Arrange: the arXiv API's view of a paper Hugging Face also lists, as a later version with a reflowed title.
        string atom = _workspace.WriteFile("query.xml", """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <entry>
                <id>http://arxiv.org/abs/2606.00467v2</id>
                <title>On the Limits of LLM Adaptability: Impact of
              Model-Internalized Priors on Annotation Task Performance</title>
                <summary>A revised abstract.</summary>
                <author><name>Etienne Casanova</name></author>
                <arxiv:primary_category term="cs.CL"/>
                <category term="cs.CL"/><category term="cs.AI"/>
              </entry>
            </feed>
            """);
        await _workspace.RunAsync("papers", "ingest", Fixtures.PathOf(Fixtures.HuggingFaceSotawhat));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", atom);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 paper read, 0 new, 1 updated", result.Out, StringComparison.Ordinal);
        Assert.Equal(30, await _workspace.CountAsync("papers"));
        var row = Assert.Single(await _workspace.QueryAsync<(long Version, string Categories, string Abstract, long Comments, string AiSummary)>(
            "SELECT version, categories, abstract, comments, ai_summary FROM papers WHERE paper_key = 'arxiv:2606.00467'"));
        Assert.Equal(2, row.Version);
        Assert.Equal("""["cs.CL","cs.AI"]""", row.Categories);
        Assert.Equal("A revised abstract.", row.Abstract);
        Assert.Equal(2, row.Comments);
        Assert.StartsWith("Large language models exhibit limited ability", row.AiSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PapersIngest_Keeps_The_Newer_Version_When_An_Older_One_Arrives_Later()
    {
        // Arrange: the RSS feed announces 2009.13987v3; the same paper then arrives as v1 from another file.
        await _workspace.RunAsync("papers", "ingest", Fixtures.PathOf(Fixtures.ArxivRss));
        string jsonl = _workspace.WriteFile("old.jsonl", """{"id":"2009.13987v1","title":"Random Polytope Descriptors","abstract":"The first version's abstract."}""");

        // Act
        await _workspace.RunAsync("papers", "ingest", jsonl);

        // Assert
        var row = Assert.Single(await _workspace.QueryAsync<(long Version, string Abstract)>("SELECT version, abstract FROM papers WHERE paper_key = 'arxiv:2009.13987'"));
        Assert.Equal(3, row.Version);
        Assert.StartsWith("We introduce a class of random polytopes", row.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_Stores_Once_Under_The_Arxiv_Key_When_A_Paper_Known_By_Doi_Arrives_With_Its_Arxiv_Id()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var byDoi = new IncomingPaper(PaperIdentity.KeyFor(null, "10.1103/PhysRevD.76.013009", "Diphoton production"), "Diphoton production", "Journal abstract.", [], null, null, null)
        {
            Doi = PaperIdentity.NormalizeDoi("https://doi.org/10.1103/PhysRevD.76.013009"),
        };
        var byArxiv = new IncomingPaper("arxiv:0704.0001", "Calculation of prompt diphoton production cross sections", "arXiv abstract.", [], null, null, null)
        {
            Doi = "10.1103/physrevd.76.013009",
        };

        // Act
        UpsertCounts first = await store.UpsertAsync([byDoi], "journal", ct);
        UpsertCounts second = await store.UpsertAsync([byArxiv], "arxiv", ct);

        // Assert
        Assert.Equal("doi:10.1103/physrevd.76.013009", byDoi.Key);
        Assert.Equal((1, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 1), (second.Inserted, second.Updated));
        Paper paper = Assert.Single(await store.ListAsync(ct));
        Assert.Equal("arxiv:0704.0001", paper.Key);
        Assert.Equal("arXiv abstract.", paper.Abstract);
    }

    [Fact]
    public async Task UpsertAsync_Keeps_Two_Rows_When_Two_Arxiv_Papers_Share_A_Title()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;

        // Act
        await store.UpsertAsync([new IncomingPaper("arxiv:2601.00001", "Introduction", "One.", [], null, null, null)], "a", ct);
        await store.UpsertAsync([new IncomingPaper("arxiv:2601.00002", "Introduction", "Two.", [], null, null, null)], "b", ct);

        // Assert
        Assert.Equal(["arxiv:2601.00001", "arxiv:2601.00002"], (await store.ListAsync(ct)).Select(p => p.Key));
    }

    [Fact]
    public async Task PapersIngest_Updates_Popularity_And_Keeps_The_Send_Log_When_A_Feed_Is_Fetched_Again_With_More_Upvotes()
    {
        // Arrange: a catalog, a digest sent from it, then the same daily list a day later with more upvotes.
        string day1 = Fixtures.Text(Fixtures.HuggingFaceSotawhat);
        string day2 = day1.Replace("\"upvotes\":18,", "\"upvotes\":58,", StringComparison.Ordinal);
        Assert.NotEqual(day1, day2);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("day1.json", day1));
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "language models, reasoning", "--timezone", "UTC");
        CliResult sent = await _workspace.RunAsync("send-due");
        List<string> sendLog = await _workspace.QueryAsync<string>("SELECT digest_id || ':' || paper_id || ':' || rank FROM digest_items ORDER BY digest_id, rank");
        _workspace.Time.Advance(TimeSpan.FromDays(1));

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("day2.json", day2));

        // Assert
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.NotEmpty(sendLog);
        Assert.Contains("30 papers read, 0 new, 1 updated", result.Out, StringComparison.Ordinal);
        Assert.Equal(sendLog, await _workspace.QueryAsync<string>("SELECT digest_id || ':' || paper_id || ':' || rank FROM digest_items ORDER BY digest_id, rank"));
        Assert.Equal([58L], await _workspace.QueryAsync<long>("SELECT upvotes FROM papers WHERE paper_key = 'arxiv:2606.13106'"));
        Assert.Equal(
            ["2026-06-12T08:00:00.000Z 18", "2026-06-13T08:00:00.000Z 58"],
            await _workspace.QueryAsync<string>(
                "SELECT observed_at || ' ' || h.upvotes FROM paper_popularity h JOIN papers p ON p.id = h.paper_id WHERE p.paper_key = 'arxiv:2606.13106' ORDER BY observed_at"));
    }

    [Fact]
    public async Task PapersIngest_Tells_Listeners_Once_About_New_Papers_And_Not_Again_When_Nothing_Changed()
    {
        // Arrange
        var listener = new RecordingListener();
        string[] args = ["papers", "ingest", Fixtures.PathOf(Fixtures.ArxivRss)];

        // Act
        int first = await RunWithListenerAsync(args, listener);
        int second = await RunWithListenerAsync(args, listener);

        // Assert
        Assert.Equal((0, 0), (first, second));
        long[] ids = Assert.Single(listener.Calls);
        Assert.Equal(await _workspace.QueryAsync<long>("SELECT id FROM papers ORDER BY id"), ids.Order());
    }

    [Fact]
    public async Task IngestFileAsync_Reports_Progress_Per_Batch_When_A_Line_File_Is_Long()
    {
        // Arrange
        string path = _workspace.WriteFile("many.jsonl", string.Join('\n', Enumerable.Range(1, 2500).Select(i =>
            $$"""{"id":"2601.{{i:00000}}","title":"Paper number {{i}}","abstract":"An abstract long enough for paper {{i}}."}""")));
        await using WebApplication app = BuildApp();
        var reports = new List<IngestProgress>();

        // Act
        IngestReport report = await app.Services.GetRequiredService<PaperIngestor>()
            .IngestFileAsync(path, PaperFormat.Auto, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((PaperFormat.Jsonl, 2500, 2500), (report.Format, report.Read, report.Stored.Inserted));
        Assert.Equal([1000, 2000, 2500], reports.Select(r => r.Papers));
        Assert.Equal(new FileInfo(path).Length, reports[^1].BytesRead);
        Assert.Equal("many.jsonl [###############...............] 50% 1,250 papers", ConsoleProgress.Line("many.jsonl", new IngestProgress(50, 100, 1250)));
        Assert.Equal("many.jsonl [###############...............] 50% 1 paper", ConsoleProgress.Line("many.jsonl", new IngestProgress(50, 100, 1)));
    }

    [Fact]
    public async Task PapersIngest_Counts_Each_Noun_In_The_Right_Number_When_A_Paper_Stands_Twice_In_The_File()
    {
        // Arrange
        string path = _workspace.WriteFile("twice.jsonl", """
            {"id":"2601.00001","title":"A paper","abstract":"The first copy of the paper's abstract."}
            {"id":"2601.00001","title":"A paper","abstract":"The second copy of the paper's abstract."}
            """);

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", path);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "twice.jsonl (jsonl): 2 papers read, 1 new, 0 updated, 0 already stored, 1 duplicate in the file, 0 skipped",
            result.Out.Trim());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task PapersIngest_Warns_On_Stderr_And_Succeeds_When_The_File_Holds_No_Papers()
    {
        // Arrange
        string path = _workspace.WriteFile("empty.jsonl", "");

        // Act
        CliResult result = await _workspace.RunAsync("papers", "ingest", path);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("warning: empty.jsonl holds no papers", result.Error.Trim());
        Assert.Contains("empty.jsonl (jsonl): 0 papers read, 0 new", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("papers"));
    }

    private WebApplication BuildApp()
    {
        WebApplication app = Program.Build(["migrate"], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        app.Services.GetRequiredService<Paperboy.Storage.DatabaseMigrator>().Migrate();
        return app;
    }

    private async Task<int> RunWithListenerAsync(string[] args, RecordingListener listener)
    {
        await using WebApplication app = Program.Build(args, _workspace.Settings, s =>
        {
            s.AddSingleton<TimeProvider>(_workspace.Time);
            s.AddSingleton<IPapersStoredListener>(listener);
        });
        using var output = new StringWriter();
        return await app.RunPaperboyAsync(args, output, output);
    }

    private sealed class RecordingListener : IPapersStoredListener
    {
        public List<long[]> Calls { get; } = [];

        public Task OnStoredAsync(IReadOnlyList<long> newOrChangedPaperIds, CancellationToken cancellationToken)
        {
            Calls.Add([.. newOrChangedPaperIds]);
            return Task.CompletedTask;
        }
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    public sealed class OnSqlite() : CatalogTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : CatalogTests(postgres);
}
