using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class WebOptionsTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("http://example.com/base/?x=1")]
    [InlineData("https://example.com/#top")]
    [InlineData("example.com")]
    [InlineData("/papers")]
    [InlineData("http://example.com/base/")]
    public async Task Run_Names_The_Key_When_The_Public_Base_Url_Cannot_Start_A_Link(string url)
    {
        // Arrange
        _workspace.Settings["Web:PublicBaseUrl"] = url;

        // Act
        CliResult result = await _workspace.RunAsync("migrate");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"error: configuration: Web:PublicBaseUrl must be an absolute http(s) address of the site's root, without a path, query or fragment, such as https://papers.example.org (is '{url}')",
            result.Error,
            StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.DatabasePath), "nothing may be created from a configuration that was refused");
    }

    [Theory]
    [InlineData("https://papers.example.org")]
    [InlineData("http://127.0.0.1:5000/")]
    public async Task Run_Accepts_The_Public_Base_Url_When_It_Is_The_Root_Of_An_Http_Site(string url)
    {
        // Arrange
        _workspace.Settings["Web:PublicBaseUrl"] = url;

        // Act
        CliResult result = await _workspace.RunAsync("migrate");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
