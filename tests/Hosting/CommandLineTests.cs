using Paperboy.Hosting;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Hosting;

public sealed class CommandLineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task RunPaperboyAsync_Prints_Usage_When_Asked_For_Help(string option)
    {
        // Arrange
        using var workspace = new TestWorkspace(Now);

        // Act: before the fix this started the web service and never returned.
        CliResult result = await workspace.RunAsync(option).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Run without a command to start the service.", result.Out, StringComparison.Ordinal);
        Assert.Contains("demo", result.Out, StringComparison.Ordinal);
        Assert.Contains("recommend", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPaperboyAsync_Prints_Version_When_Asked()
    {
        // Arrange
        using var workspace = new TestWorkspace(Now);

        // Act
        CliResult result = await workspace.RunAsync("--version").WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Matches(@"^\d+\.\d+", result.Out.Trim());
    }

    [Fact]
    public async Task RunPaperboyAsync_Prints_Help_And_Version_But_Refuses_Commands_When_The_Database_Folder_Cannot_Be_Created()
    {
        // Arrange: the database's folder would be a regular file; composing the app used to abort on it.
        using var workspace = new TestWorkspace(Now);
        string file = workspace.WriteFile("afile", "");
        string database = Path.Combine(file, "paperboy.db");
        workspace.Settings["Database:Path"] = database;

        // Act
        CliResult help = await workspace.RunAsync("--help");
        CliResult version = await workspace.RunAsync("--version");
        CliResult list = await workspace.RunAsync("subscribers", "list");

        // Assert
        Assert.True(help.ExitCode == ExitCodes.Success, help.ToString());
        Assert.Contains("recommend", help.Out, StringComparison.Ordinal);
        Assert.True(version.ExitCode == ExitCodes.Success, version.ToString());
        Assert.Equal(ExitCodes.Error, list.ExitCode);
        string line = Assert.Single(list.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot open the database {database}: cannot create its folder: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPaperboyAsync_Fails_With_Usage_Exit_Code_When_The_Command_Is_Unknown()
    {
        // Arrange
        using var workspace = new TestWorkspace(Now);

        // Act
        CliResult result = await workspace.RunAsync("sendall");

        // Assert
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'sendall'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run with --help for usage.", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
