using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

public sealed class DemoTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Demo_Writes_Three_Digests_And_Resends_Nothing_When_Run_Again()
    {
        // Act
        CliResult first = await _workspace.RunAsync("demo");
        string[] afterFirst = Directory.GetFiles(_workspace.PickupDirectory, "*.eml");
        CliResult second = await _workspace.RunAsync("demo");
        string[] afterSecond = Directory.GetFiles(_workspace.PickupDirectory, "*.eml");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(3, afterFirst.Length);
        Assert.Equal(afterFirst.Order(), afterSecond.Order());
        Assert.Contains("254 new", first.Out, StringComparison.Ordinal);
        Assert.Contains("3 digests planned; messages: 3 sent", first.Out, StringComparison.Ordinal);
        Assert.Contains("today's digest was already sent", second.Out, StringComparison.Ordinal);

        string[] recipients = [.. afterFirst.Select(f => MimeMessage.Load(f, TestContext.Current.CancellationToken).To.Mailboxes.Single().Address).Order()];
        Assert.Equal(["ada@example.com", "alan@example.com", "grace@example.com"], recipients);
        foreach (string file in afterFirst)
        {
            Assert.Contains(file, first.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_Sends_Only_New_Papers_When_Run_On_The_Next_Day()
    {
        // Arrange
        await _workspace.RunAsync("demo");
        List<long> before = await _workspace.QueryAsync<long>("SELECT paper_id FROM digest_items");

        // Act
        _workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await _workspace.RunAsync("demo");

        // Assert: each subscriber got a second digest, and no (subscriber, paper) pair appears twice.
        Assert.True(nextDay.ExitCode == 0, nextDay.ToString());
        Assert.Equal(6, await _workspace.CountAsync("digests"));
        List<string> pairs = await _workspace.QueryAsync<string>("SELECT subscriber_id || ':' || paper_id FROM digest_items");
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.True(pairs.Count > before.Count);
    }

    [Fact]
    public async Task Demo_Refuses_And_Sends_Nothing_When_The_Database_Has_Real_Subscribers()
    {
        // Arrange: an operator's database.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult demo = await _workspace.RunAsync("demo");

        // Assert
        Assert.Equal(1, demo.ExitCode);
        Assert.Contains("besides the demo's (such as reader@example.com)", demo.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("digests"));
        Assert.Equal(1, await _workspace.CountAsync("subscribers"));
        Assert.Empty(Directory.Exists(_workspace.PickupDirectory) ? Directory.GetFiles(_workspace.PickupDirectory) : []);
    }
}
