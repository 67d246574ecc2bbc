using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Subscribers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

/// <summary>Trending from the stored popularity history: upvotes gained per day.</summary>
public abstract class PopularityVelocityTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Daily(params (string Id, string Title, int Upvotes)[] papers) =>
        "[" + string.Join(",", papers.Select(p =>
            $$"""{"paper":{"id":"{{p.Id}}","title":"{{p.Title}}","summary":"We make hypergraph tokenizers cheap for long documents.","upvotes":{{p.Upvotes}},"publishedAt":"2026-11-27T00:00:00.000Z","authors":[]},"numComments":0}""")) + "]";

    [Fact]
    public async Task Ranking_Puts_The_Paper_Gaining_Upvotes_Fast_First_When_Two_Papers_Have_The_Same_Upvotes()
    {
        // Arrange: B is stored first (lower id, so it would win a tie), both end at 50 upvotes; A got 40 of them in
        // 12 hours; C was fetched once only. The sample corpus makes the keyword's words rare, as in a real catalog.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        CliResult first = await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("day1.json", Daily(
            ("2611.00002", "Hypergraph tokenizers for long documents, part two", 50),
            ("2611.00001", "Hypergraph tokenizers for long documents, part one", 10),
            ("2611.00003", "Hypergraph tokenizers for long documents, part six", 5))));
        _workspace.Time.Advance(TimeSpan.FromHours(12));
        CliResult second = await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("day1-noon.json", Daily(
            ("2611.00002", "Hypergraph tokenizers for long documents, part two", 50),
            ("2611.00001", "Hypergraph tokenizers for long documents, part one", 50))));
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + second.ToString());
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        DateTimeOffset now = _workspace.Time.GetUtcNow();

        // Act
        Dictionary<long, double> velocity = await app.Services.GetRequiredService<PopularityHistory>()
            .UpvotesPerDayAsync(now.AddHours(-72), now, TestContext.Current.CancellationToken);
        SubscriberRanking ranking = app.Services.GetRequiredService<SubscriberRanking>();
        PaperIndex index = await ranking.IndexAsync(TestContext.Current.CancellationToken);
        IReadOnlyList<Recommendation> ranked = await ranking.RankAsync(
            index, new Subscriber(99, "x@example.com", SubscriberStatus.Active, DigestFrequency.Daily, "UTC", 7, ["hypergraph tokenizers"]), now, TestContext.Current.CancellationToken);

        // Assert
        Paper a = index.Papers.Single(p => p.Key == "arxiv:2611.00001");
        Paper b = index.Papers.Single(p => p.Key == "arxiv:2611.00002");
        Paper c = index.Papers.Single(p => p.Key == "arxiv:2611.00003");
        Assert.Equal(80.0, velocity[a.Id], 1e-9);
        Assert.False(velocity.ContainsKey(b.Id));
        Assert.False(velocity.ContainsKey(c.Id));
        Assert.Equal(80.0, a.UpvotesPerDay);
        Assert.Null(b.UpvotesPerDay);
        Assert.True(b.Id < a.Id);
        var options = new RankingOptions { Now = now };
        Assert.True(Popularity.Score(a, options) > Popularity.Score(b, options));
        Assert.True(Popularity.Score(c, options) > 0);
        // The three are near-duplicates, so a digest carries only the best one: the rising paper, where a tie would pick B.
        Assert.Equal("arxiv:2611.00001", ranked[0].Paper.Key);
        Assert.DoesNotContain(ranked, r => r.Paper.Key == "arxiv:2611.00002");
    }

    public sealed class OnSqlite() : PopularityVelocityTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : PopularityVelocityTests(postgres);
}
