using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

/// <summary>
/// How the catalog finds the row an incoming paper is already stored as: by key, else by DOI or title (with the
/// DOI agreeing preferred), never across two arXiv ids; and with an index for each rule, so that an import does
/// not read the whole catalog for every paper.
/// </summary>
public abstract class PaperStoreTests(PostgresServer? postgres) : IDisposable
{
    private static readonly object LookupParameters = new { Key = "arxiv:2601.00001", Doi = "10.1000/x", TitleKey = "a title" };

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task FindExistingSql_Reads_Papers_Only_Through_Indexes_When_Explained_On_A_Migrated_Database()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        await using DbConnection connection = _workspace.Connect();
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        List<string> plan = await PlanAsync(connection);

        // Assert
        string text = string.Join(Environment.NewLine, plan);
        if (_workspace.Provider == DatabaseProvider.Postgres)
        {
            Assert.DoesNotContain("Seq Scan on papers", text, StringComparison.Ordinal);
            Assert.Contains("papers_paper_key_key", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(plan, line => line.StartsWith("SCAN papers", StringComparison.Ordinal) || line.StartsWith("SCAN TABLE papers", StringComparison.Ordinal));
            Assert.Contains("sqlite_autoindex_papers_1", text, StringComparison.Ordinal);
        }

        Assert.Contains("ix_papers_doi", text, StringComparison.Ordinal);
        Assert.Contains("ix_papers_title_key", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_Updates_The_Row_With_The_Key_When_An_Older_Row_Shares_The_Title()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.UpsertAsync([Incoming("arxiv:2601.00001", "Alpha", "First.")], "a", ct);
        await store.UpsertAsync([Incoming("id:beta", "Beta", "Second.")], "b", ct);

        // Act: the feed's paper id:beta, retitled to what the arXiv paper is called.
        UpsertCounts counts = await store.UpsertAsync([Incoming("id:beta", "Alpha", "Incoming.")], "c", ct);

        // Assert
        Assert.Equal((0, 1), (counts.Inserted, counts.Updated));
        Assert.Equal(["arxiv:2601.00001 First.", "id:beta Incoming."], (await store.ListAsync(ct)).Select(p => $"{p.Key} {p.Abstract}"));
    }

    [Fact]
    public async Task UpsertAsync_Updates_The_Row_With_The_Same_Doi_When_An_Older_Row_Only_Shares_The_Title()
    {
        // Arrange: two arXiv papers called "Introduction" (two rows), the second with a journal DOI.
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.UpsertAsync([Incoming("arxiv:2601.00001", "Introduction", "One.") with { Doi = "10.1000/one" }], "a", ct);
        await store.UpsertAsync([Incoming("arxiv:2601.00002", "Introduction", "Two.") with { Doi = "10.1000/two" }], "a", ct);

        // Act
        UpsertCounts counts = await store.UpsertAsync([Incoming("doi:10.1000/two", "Introduction", "Incoming.") with { Doi = "10.1000/two" }], "journal", ct);

        // Assert
        Assert.Equal((0, 1), (counts.Inserted, counts.Updated));
        Assert.Equal(["arxiv:2601.00001 One.", "arxiv:2601.00002 Incoming."], (await store.ListAsync(ct)).Select(p => $"{p.Key} {p.Abstract}"));
    }

    [Fact]
    public async Task UpsertAsync_Updates_The_Row_Without_A_Doi_When_A_Paper_Without_One_Shares_The_Title_Of_Two()
    {
        // Arrange: the older "Introduction" has a DOI, the newer none.
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.UpsertAsync([Incoming("arxiv:2601.00001", "Introduction", "One.") with { Doi = "10.1000/one" }], "a", ct);
        await store.UpsertAsync([Incoming("arxiv:2601.00002", "Introduction", "Two.")], "a", ct);

        // Act
        UpsertCounts counts = await store.UpsertAsync([Incoming("id:intro", "Introduction", "Incoming.")], "feed", ct);

        // Assert
        Assert.Equal((0, 1), (counts.Inserted, counts.Updated));
        Assert.Equal(["arxiv:2601.00001 One.", "arxiv:2601.00002 Incoming."], (await store.ListAsync(ct)).Select(p => $"{p.Key} {p.Abstract}"));
    }

    [Fact]
    public async Task UpsertAsync_Updates_The_Oldest_Row_When_Two_Rows_Match_Equally()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.UpsertAsync([Incoming("arxiv:2601.00001", "Introduction", "One.")], "a", ct);
        await store.UpsertAsync([Incoming("arxiv:2601.00002", "Introduction", "Two.")], "a", ct);

        // Act
        UpsertCounts counts = await store.UpsertAsync([Incoming("id:intro", "Introduction", "Incoming.")], "feed", ct);

        // Assert
        Assert.Equal((0, 1), (counts.Inserted, counts.Updated));
        Assert.Equal(["arxiv:2601.00001 Incoming.", "arxiv:2601.00002 Two."], (await store.ListAsync(ct)).Select(p => $"{p.Key} {p.Abstract}"));
    }

    [Fact]
    public async Task UpsertAsync_Adds_A_Row_When_An_Arxiv_Paper_Shares_Only_The_Doi_Of_Another_Arxiv_Paper()
    {
        // Arrange
        await using WebApplication app = BuildApp();
        PaperStore store = app.Services.GetRequiredService<PaperStore>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.UpsertAsync([Incoming("arxiv:2601.00001", "Alpha", "One.") with { Doi = "10.1000/shared" }], "a", ct);

        // Act
        UpsertCounts counts = await store.UpsertAsync([Incoming("arxiv:2601.00002", "Beta", "Two.") with { Doi = "10.1000/shared" }], "a", ct);

        // Assert
        Assert.Equal((1, 0), (counts.Inserted, counts.Updated));
        Assert.Equal(["arxiv:2601.00001 One.", "arxiv:2601.00002 Two."], (await store.ListAsync(ct)).Select(p => $"{p.Key} {p.Abstract}"));
    }

    private async Task<List<string>> PlanAsync(DbConnection connection)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        if (_workspace.Provider == DatabaseProvider.Postgres)
        {
            // The tables are empty, so the planner would rightly read them whole; what matters is that an index
            // can answer every branch, which a plan chosen with sequential scans priced out shows.
            await connection.ExecuteAsync(new CommandDefinition("SET enable_seqscan = off", cancellationToken: ct));
            return [.. await connection.QueryAsync<string>(new CommandDefinition($"EXPLAIN {PaperStore.FindExistingSql}", LookupParameters, cancellationToken: ct))];
        }

        IEnumerable<dynamic> rows = await connection.QueryAsync(new CommandDefinition($"EXPLAIN QUERY PLAN {PaperStore.FindExistingSql}", LookupParameters, cancellationToken: ct));
        return [.. rows.Select(r => (string)r.detail)];
    }

    private static IncomingPaper Incoming(string key, string title, string abstractText) => new(key, title, abstractText, [], null, null, null);

    private WebApplication BuildApp()
    {
        WebApplication app = Program.Build(["migrate"], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        return app;
    }

    public sealed class OnSqlite() : PaperStoreTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : PaperStoreTests(postgres);
}
