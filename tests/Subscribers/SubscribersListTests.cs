using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class SubscribersListTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task List_Shows_The_Day_Of_A_Weekly_Digest_When_A_Subscriber_Gets_One()
    {
        // Arrange: the service's weekly day is Friday; one weekly subscriber chose Thursday.
        _workspace.Settings["Scheduler:WeeklyDay"] = "Friday";
        await _workspace.RunAsync("subscribers", "add", "daily@example.com", "--keywords", "graphs", "--timezone", "UTC");
        await _workspace.RunAsync("subscribers", "add", "weekly@example.com", "--keywords", "graphs", "--frequency", "weekly", "--timezone", "UTC");
        await _workspace.RunAsync("subscribers", "add", "thursday@example.com", "--keywords", "graphs", "--frequency", "weekly", "--timezone", "UTC");
        await _workspace.QueryAsync<long>("UPDATE subscribers SET weekly_day = 'thursday' WHERE email = 'thursday@example.com' RETURNING id");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "list");

        // Assert
        string[] lines = result.Out.Split('\n');
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("daily     07:00 UTC", Assert.Single(lines, l => l.Contains("daily@example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("weekly    Fri 07:00 UTC", Assert.Single(lines, l => l.Contains("weekly@example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("weekly    Thu 07:00 UTC", Assert.Single(lines, l => l.Contains("thursday@example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
