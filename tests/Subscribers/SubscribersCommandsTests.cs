using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class SubscribersCommandsTests : IDisposable
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

    [Fact]
    public async Task Show_Prints_Schedule_Keywords_And_Papers_When_The_Address_Is_Known()
    {
        // Arrange
        await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs, proteins", "--frequency", "weekly", "--timezone", "Europe/Berlin", "--liked", "2202.12139");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "show", " ADA@example.com ");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ada@example.com (id 1): active, since 2026-11-27 08:00 UTC", result.Out, StringComparison.Ordinal);
        Assert.Contains("schedule: weekly, every Monday after 07:00 (Europe/Berlin), the day of Scheduler:WeeklyDay; default number of papers per digest", result.Out, StringComparison.Ordinal);
        Assert.Contains("keywords: graphs, proteins", result.Out, StringComparison.Ordinal);
        Assert.Contains("muted: none", result.Out, StringComparison.Ordinal);
        Assert.Contains("liked papers: 0", result.Out, StringComparison.Ordinal);
        Assert.Contains("waiting to be fetched from arXiv: arxiv:2202.12139", result.Out, StringComparison.Ordinal);
        Assert.Contains("digests: 0 (0 papers)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("unsubscribe")]
    [InlineData("delete")]
    public async Task Command_Fails_Naming_The_Address_When_No_Subscriber_Has_It(string command)
    {
        // Act
        CliResult result = await _workspace.RunAsync(["subscribers", command, "nobody@example.com", .. command == "delete" ? ["--yes"] : Array.Empty<string>()]);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: no subscriber has the address nobody@example.com", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hour", "24", "hour 24 is not between 0 and 23")]
    [InlineData("--hour", "abc", "Cannot parse argument 'abc' for option '--hour'")]
    [InlineData("--frequency", "hourly", "frequency 'hourly' is not one of: daily, weekly, instant")]
    [InlineData("--timezone", "Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a known time zone")]
    public async Task Add_Fails_As_A_Usage_Error_Storing_Nothing_When_An_Option_Value_Is_Invalid(string option, string value, string message)
    {
        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs", option, value);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("Run with --help for usage.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.DatabasePath), "a wrong command line is refused before the database is opened");
    }

    [Fact]
    public async Task Unsubscribe_Stops_The_Subscriber_And_Says_So_When_Run_Again()
    {
        // Arrange
        await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs");

        // Act
        CliResult first = await _workspace.RunAsync("subscribers", "unsubscribe", "ada@example.com");
        CliResult second = await _workspace.RunAsync("subscribers", "unsubscribe", "ada@example.com");

        // Assert
        Assert.Contains("ada@example.com unsubscribed", first.Out, StringComparison.Ordinal);
        Assert.Contains("ada@example.com is already unsubscribed", second.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(["unsubscribed"], await _workspace.QueryAsync<string>("SELECT status FROM subscribers"));
    }

    [Fact]
    public async Task Delete_Changes_Nothing_Without_Yes_And_Leaves_Only_The_Hash_With_It()
    {
        // Arrange
        await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs");

        // Act
        CliResult refused = await _workspace.RunAsync("subscribers", "delete", "ada@example.com");
        long afterRefused = await _workspace.CountAsync("subscribers");
        CliResult deleted = await _workspace.RunAsync("subscribers", "delete", "ada@example.com", "--yes");

        // Assert
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("run again with --yes", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, afterRefused);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
        Assert.Equal(0, await _workspace.CountAsync("subscriber_keywords"));
        Assert.Equal(1, await _workspace.CountAsync("suppressions WHERE email IS NULL AND reason = 'deleted'"));
    }

    [Fact]
    public async Task Add_Warns_And_List_And_Show_Say_Suppressed_When_The_Address_Is_On_The_Suppression_List()
    {
        // Arrange
        await _workspace.RunAsync("suppression", "add", "bounced@example.com", "--reason", "hard bounce");
        await _workspace.RunAsync("subscribers", "add", "fine@example.com", "--keywords", "graphs");

        // Act
        CliResult add = await _workspace.RunAsync("subscribers", "add", "bounced@example.com", "--keywords", "graphs");
        CliResult list = await _workspace.RunAsync("subscribers", "list");
        CliResult show = await _workspace.RunAsync("subscribers", "show", "bounced@example.com");

        // Assert: stored as asked (exit 0), but the operator is told nothing will be sent.
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("subscriber 2 added: bounced@example.com", add.Out, StringComparison.Ordinal);
        Assert.Equal(
            "warning: bounced@example.com is on the suppression list (hard bounce): nothing will be sent until `suppression remove bounced@example.com`",
            add.Error.Trim());
        string[] lines = list.Out.Split('\n');
        Assert.Contains(" active (suppressed) ", Assert.Single(lines, l => l.Contains("bounced@example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("suppressed", Assert.Single(lines, l => l.Contains("fine@example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(
            "suppressed since 2026-11-27 08:00 UTC (hard bounce): nothing is sent to this address until `suppression remove bounced@example.com`",
            show.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Warns_When_The_Address_Was_Of_A_Deleted_Subscriber()
    {
        // Arrange: a deletion leaves only the address's hash on the suppression list.
        await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs");
        await _workspace.RunAsync("subscribers", "delete", "ada@example.com", "--yes");

        // Act
        CliResult add = await _workspace.RunAsync("subscribers", "add", "Ada@example.com", "--keywords", "graphs");
        CliResult show = await _workspace.RunAsync("subscribers", "show", "Ada@example.com");

        // Assert
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("warning: Ada@example.com is on the suppression list (deleted)", add.Error, StringComparison.Ordinal);
        Assert.Contains("(deleted): nothing is sent to this address until `suppression remove Ada@example.com`", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Fails_Naming_The_Keyword_And_Stores_Nothing_When_A_Keyword_Holds_A_Tab()
    {
        // Arrange: a migrated database (a command line refused as wrong never opens it).
        await _workspace.RunAsync("migrate");

        // Act
        CliResult add = await _workspace.RunAsync("subscribers", "add", "ada@example.com", "--keywords", "graphs, tab\tkeyword");

        // Assert
        Assert.Equal(2, add.ExitCode);
        Assert.Contains("keyword 'tab\\tkeyword' has a tab or other control character", add.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }
}
