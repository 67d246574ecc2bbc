using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Feeds;

public sealed class FeedsOptionsTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("Url", "ftp://example.com/feed", "Feeds:Sources:0:Url must be an http(s) address")]
    [InlineData("Cron", "every morning", "Feeds:Sources:0: Cron must be a valid Quartz cron expression")]
    [InlineData("Interval", "00:00:10", "Interval at least 00:01:00")]
    [InlineData("Kind", "Sample", "the sample corpus is a file format, not a feed")]
    public async Task Run_Names_The_Key_When_A_Feed_Source_Is_Misconfigured(string key, string value, string message)
    {
        // Arrange
        _workspace.Settings["Feeds:Sources:0:Name"] = "broken";
        _workspace.Settings["Feeds:Sources:0:Url"] = "https://example.com/feed";
        _workspace.Settings[$"Feeds:Sources:0:{key}"] = value;

        // Act
        CliResult result = await _workspace.RunAsync("migrate");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export.arxiv.org/api/query")]
    [InlineData("ftp://export.arxiv.org/api/query")]
    public async Task Run_Names_The_Key_When_The_Arxiv_Api_Url_Is_Not_Http(string url)
    {
        // Arrange
        _workspace.Settings["Feeds:ArxivApiUrl"] = url;

        // Act
        CliResult result = await _workspace.RunAsync("migrate");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Feeds:ArxivApiUrl must be an http(s) address, or empty", result.Error, StringComparison.Ordinal);
    }
}
