using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Subscribers;
using Paperboy.Templates;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Templates;

public abstract class DigestReasonsTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Shows_The_Feeds_AI_Summary_Labelled_When_The_Paper_Has_One()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        CliResult ingest = await _workspace.RunAsync("papers", "ingest", Fixtures.PathOf(Fixtures.HuggingFaceSotawhat));
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        await _workspace.RunAsync("subscribers", "add", "summary@example.com", "--keywords", "sparse attention", "--timezone", "UTC");
        string summary = (await _workspace.QueryAsync<string>("SELECT ai_summary FROM papers WHERE paper_key = 'arxiv:2606.13392'")).Single();

        // Act
        CliResult send = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(send.ExitCode == 0, send.ToString());
        MimeMessage digest = MimeMessage.Load(Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml")), TestContext.Current.CancellationToken);
        string text = digest.TextBody ?? "";
        Assert.Contains("MiniMax Sparse Attention", text, StringComparison.Ordinal);
        Assert.Contains($"[AI summary] {DigestViewFactory.Trim(summary)}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_States_Every_Reason_When_A_Paper_Matched_Keywords_Resembles_A_Liked_Paper_And_Is_Trending()
    {
        // Arrange
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        DigestViewBuilder views = app.Services.GetRequiredService<DigestViewBuilder>();
        var subscriber = new Subscriber(1, "a@example.com", SubscriberStatus.Active, DigestFrequency.Daily, "UTC", 7, ["graphs"]) { LinkSecret = "s" };
        Paper liked = new(2, "arxiv:2606.00002", "Graph transformers at scale", "An abstract.", [], null, null, null);
        Recommendation item = new(new Paper(3, "arxiv:2606.00003", "Sparse graph attention", "An abstract.", [], null, null, 312), 5.0, ["graphs"])
        {
            SimilarTo = liked,
            TrendingUpvotes = 312,
        };
        Recommendation onlyLiked = new(new Paper(4, "arxiv:2606.00004", "Another one", "An abstract.", [], null, null, null), 4.0, [])
        {
            SimilarTo = liked,
        };

        // Act
        DigestView view = views.Build(subscriber, [item, onlyLiked], _workspace.Time.GetUtcNow());

        // Assert
        Assert.Equal(
            "Matches your keywords: graphs · Like a paper you liked: “Graph transformers at scale” · Trending: 312 upvotes",
            view.Papers[0].Why);
        Assert.Equal("Like a paper you liked: “Graph transformers at scale”", view.Papers[1].Why);
    }

    [Fact]
    public async Task Build_Counts_Votes_In_Words_That_Fit_When_A_Paper_Has_One_Or_None()
    {
        // Arrange: a configuration may mention any count; a feed may report zero votes.
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        DigestViewBuilder views = app.Services.GetRequiredService<DigestViewBuilder>();
        var subscriber = new Subscriber(1, "a@example.com", SubscriberStatus.Active, DigestFrequency.Daily, "UTC", 7, ["graphs"]) { LinkSecret = "s" };
        Recommendation one = new(new Paper(3, "arxiv:2606.00003", "Sparse graph attention", "An abstract.", [], null, null, 1), 5.0, ["graphs"]) { TrendingUpvotes = 1 };
        Recommendation none = new(new Paper(4, "arxiv:2606.00004", "Dense graph attention", "An abstract.", [], null, null, 0), 4.0, ["graphs"]);

        // Act
        DigestView view = views.Build(subscriber, [one, none], _workspace.Time.GetUtcNow());

        // Assert: "1 upvote", and no "▲ 0" for a paper nobody voted for.
        Assert.EndsWith("Trending: 1 upvote", view.Papers[0].Why, StringComparison.Ordinal);
        Assert.Equal(1, view.Papers[0].Upvotes);
        Assert.Null(view.Papers[1].Upvotes);
    }

    [Theory]
    [InlineData(DigestFrequency.Daily, null, DigestFrequency.Weekly, "One digest a week instead")]
    [InlineData(DigestFrequency.Weekly, null, DigestFrequency.Daily, "One digest a day instead")]
    [InlineData(DigestFrequency.Instant, DigestKind.Alert, DigestFrequency.Daily, "One digest a day instead")]
    [InlineData(DigestFrequency.Instant, null, DigestFrequency.Weekly, "One digest a week instead")]
    public async Task Build_Offers_The_Other_Frequency_When_A_Digest_Is_Built(DigestFrequency frequency, DigestKind? kind, DigestFrequency offered, string label)
    {
        // Arrange
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        DigestViewBuilder views = app.Services.GetRequiredService<DigestViewBuilder>();
        LinkBuilder links = app.Services.GetRequiredService<LinkBuilder>();
        var subscriber = new Subscriber(1, "a@example.com", SubscriberStatus.Active, frequency, "UTC", 7, ["graphs"]) { LinkSecret = "s" };
        Recommendation item = new(new Paper(3, "arxiv:2606.00003", "Sparse graph attention", "An abstract.", [], null, null, null), 5.0, ["graphs"]);

        // Act
        DigestView view = views.Build(subscriber, [item], _workspace.Time.GetUtcNow(), kind);

        // Assert: named after the mail in hand (an instant subscriber's scheduled mail is a daily digest).
        Assert.Equal(label, view.SwitchFrequencyLabel.Replace('\u00a0', ' '));
        Assert.Equal(links.SwitchFrequency(subscriber, offered), view.SwitchFrequencyUrl);
        Assert.NotEqual(links.SwitchFrequency(subscriber, frequency), view.SwitchFrequencyUrl);
    }

    public sealed class OnSqlite() : DigestReasonsTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DigestReasonsTests(postgres);
}
