using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Embeddings;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Embeddings;

/// <summary>The service's background embedder with the real MiniLM model, on SQLite and on PostgreSQL.</summary>
public abstract class StoredEmbeddingsTests : IDisposable
{
    private readonly TestWorkspace _workspace;

    protected StoredEmbeddingsTests(PostgresServer? postgres)
    {
        _workspace = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), postgres);
        _workspace.Settings["Embeddings:Enabled"] = "true";
        // Small batches and both sessions, so several rounds run on these few papers.
        _workspace.Settings["Embeddings:BatchSize"] = "2";
        _workspace.Settings["Embeddings:Workers"] = "2";
    }

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private const string Papers = """
        {"id": "2611.10001", "title": "Protein structure prediction with deep learning", "abstract": "We predict how proteins fold from their amino acid sequence with a deep network."}
        {"id": "2611.10002", "title": "Neural networks infer the three-dimensional shape of amino acid chains", "abstract": "A learned model recovers the geometry of biomolecules from sequence alone."}
        {"id": "2611.10003", "title": "Tax policy and regional growth", "abstract": "We study how corporate taxes shape investment across regions."}
        {"id": "2611.10004", "title": "A history of medieval river trade", "abstract": "Merchants moved grain along rivers; we trace their routes from archives."}
        {"id": "2611.10005", "title": "Galaxy clusters in weak lensing surveys", "abstract": "We measure the mass of galaxy clusters from the shear of background galaxies."}
        """;

    private async Task WaitForVectorsAsync(long count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(180);
        while (await _workspace.CountAsync("paper_embeddings") != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{await _workspace.CountAsync("paper_embeddings")} vectors, expected {count}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Service_Embeds_Each_Stored_Paper_Once_And_Again_Only_When_Its_Text_Changes()
    {
        // Arrange: a command-line ingest runs no embedder; the service embeds what it finds when it starts.
        CliResult ingest = await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("papers.jsonl", Papers));
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(0, await _workspace.CountAsync("paper_embeddings"));

        // Act 1
        await using TestWebApp app = await TestWebApp.StartAsync(_workspace);
        await WaitForVectorsAsync(5);
        List<(long PaperId, string Hash, string At)> before = await _workspace.QueryAsync<(long, string, string)>(
            "SELECT paper_id, text_hash, embedded_at FROM paper_embeddings ORDER BY paper_id");

        // Assert 1: float32 × 384, unit length, hashed over the text embedded.
        List<(string Title, string Abstract, byte[] Vector, string Hash)> rows = await _workspace.QueryAsync<(string, string, byte[], string)>(
            "SELECT p.title, p.abstract, e.vector, e.text_hash FROM paper_embeddings e JOIN papers p ON p.id = e.paper_id WHERE e.model = 'all-MiniLM-L6-v2'");
        Assert.Equal(5, rows.Count);
        foreach ((string title, string @abstract, byte[] bytes, string hash) in rows)
        {
            float[] v = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            Assert.Equal(MiniLmEmbedder.Dimensions, v.Length);
            Assert.Equal(1.0, v.Sum(x => (double)x * x), 1e-3);
            Assert.Equal(PaperEmbeddingStore.TextHash($"{title}. {@abstract}"), hash);
        }

        // Act 2: an hour later, a new version of one paper and one new paper arrive through the running service.
        _workspace.Time.Advance(TimeSpan.FromHours(1));
        PaperIngestor ingestor = app.Services.GetRequiredService<PaperIngestor>();
        await ingestor.IngestFileAsync(_workspace.WriteFile("more.jsonl", """
            {"id": "2611.10003v2", "title": "Tax policy and regional growth", "abstract": "Corporate taxes, investment and growth across regions, with new data."}
            {"id": "2611.10006", "title": "Graph neural networks for molecules", "abstract": "Message passing over atoms and bonds predicts molecular properties."}
            """), PaperFormat.Auto, TestContext.Current.CancellationToken);
        DateTime deadline = DateTime.UtcNow.AddSeconds(180);
        List<(long PaperId, string Hash, string At)> after;
        while ((after = await _workspace.QueryAsync<(long, string, string)>("SELECT paper_id, text_hash, embedded_at FROM paper_embeddings ORDER BY paper_id")).Count != 6
            || after.Single(r => r.PaperId == before[2].PaperId).Hash == before[2].Hash)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{after.Count} vectors");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // Assert 2: only the changed and the new paper were embedded again; the others kept their vectors.
        Assert.Equal(before.Where((_, i) => i != 2), after.Where(r => r.PaperId != before[2].PaperId && before.Any(b => b.PaperId == r.PaperId)));
        Assert.Equal(2, after.Count(r => r.At != before[0].At));

        // Act 3: the digest ranking reads the stored vectors.
        PaperIndex index = await app.Services.GetRequiredService<SubscriberRanking>().IndexAsync(TestContext.Current.CancellationToken);
        long liked = index.Papers.Single(p => p.Key == "arxiv:2611.10001").Id;
        IReadOnlyList<Recommendation> ranked = PaperRanker.Rank(
            index, new InterestProfile([], new HashSet<long>()) { Liked = [liked] }, new RankingOptions { MinRelevance = 0, Count = 1 });

        // Assert 3: every paper has its vector, and the paper alike in meaning (few shared words) comes first, for that reason.
        Assert.All(Enumerable.Range(0, index.Count), d => Assert.True(index.HasEmbedding(d)));
        Assert.Equal("arxiv:2611.10002", ranked[0].Paper.Key);
        Assert.Equal(liked, ranked[0].SimilarTo?.Id);
    }

    public sealed class OnSqlite() : StoredEmbeddingsTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : StoredEmbeddingsTests(postgres);
}
