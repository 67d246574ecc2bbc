using Dapper;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>Digests follow the papers a subscriber liked and disliked (table subscriber_papers).</summary>
public abstract class DigestPlannerOpinionTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    private async Task<long> PaperIdAsync(string titleStart) =>
        Assert.Single(await _workspace.QueryAsync<long>($"SELECT id FROM papers WHERE title LIKE '{titleStart}%'"));

    private async Task MarkAsync(long paperId, string opinion)
    {
        await using System.Data.Common.DbConnection connection = _workspace.Connect();
        await connection.ExecuteAsync(
            "INSERT INTO subscriber_papers (subscriber_id, paper_id, opinion, created_at) VALUES (1, @PaperId, @Opinion, '2026-11-26T00:00:00.000Z')",
            new { PaperId = paperId, Opinion = opinion });
    }

    [Fact]
    public async Task SendDue_Recommends_Papers_Like_The_Liked_One_When_No_Keyword_Matches()
    {
        // Arrange: the keyword matches nothing in the corpus; only the liked paper says what this reader wants.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "zymurgy");
        long liked = await PaperIdAsync("Fully Convolutional Networks for Semantic Segmentation");
        await MarkAsync(liked, "liked");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        List<(long PaperId, string Reason)> items = await _workspace.QueryAsync<(long, string)>("SELECT paper_id, reason FROM digest_items ORDER BY rank");
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, i => i.PaperId == liked);
        Assert.All(items, i => Assert.Equal("Like a paper you liked: “Fully Convolutional Networks for Semantic Segmentation”", i.Reason));
        List<string> titles = await _workspace.QueryAsync<string>("SELECT p.title FROM digest_items d JOIN papers p ON p.id = d.paper_id ORDER BY d.rank");
        Assert.Contains(titles, t => t.Contains("Segmentation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SendDue_Never_Sends_A_Disliked_Paper_When_It_Matches_The_Keywords()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "semantic segmentation");
        long disliked = await PaperIdAsync("Fully Convolutional Networks for Semantic Segmentation");
        await MarkAsync(disliked, "disliked");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        List<long> sent = await _workspace.QueryAsync<long>("SELECT paper_id FROM digest_items");
        Assert.NotEmpty(sent);
        Assert.DoesNotContain(disliked, sent);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed class OnSqlite() : DigestPlannerOpinionTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DigestPlannerOpinionTests(postgres);
}
