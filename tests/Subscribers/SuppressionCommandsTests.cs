using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public abstract class SuppressionCommandsTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Suppression_Add_List_And_Remove_Manage_The_List_And_Planning_Skips_Suppressed_Addresses()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "complainer@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult add = await _workspace.RunAsync("suppression", "add", "Complainer@Example.com", "--reason", "complaint");
        CliResult again = await _workspace.RunAsync("suppression", "add", "complainer@example.com");
        CliResult list = await _workspace.RunAsync("suppression", "list");
        CliResult sendWhileSuppressed = await _workspace.RunAsync("send-due");
        CliResult remove = await _workspace.RunAsync("suppression", "remove", "complainer@example.com");
        CliResult removeAgain = await _workspace.RunAsync("suppression", "remove", "complainer@example.com");
        CliResult sendAfter = await _workspace.RunAsync("send-due");

        // Assert
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("was already suppressed", again.Out, StringComparison.Ordinal);
        Assert.Contains("complainer@example.com", list.Out, StringComparison.Ordinal);
        Assert.Contains("complaint", list.Out, StringComparison.Ordinal);
        Assert.Contains("nothing is due", sendWhileSuppressed.Out, StringComparison.Ordinal);
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(1, removeAgain.ExitCode);
        Assert.Contains("is not on the suppression list", removeAgain.Error, StringComparison.Ordinal);
        Assert.Contains("sent", sendAfter.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml"));
    }

    [Fact]
    public async Task SuppressionAdd_Rejects_Something_That_Is_Not_An_Address()
    {
        // Act
        CliResult result = await _workspace.RunAsync("suppression", "add", "nobody");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an email address", result.Error, StringComparison.Ordinal);
        await _workspace.RunAsync("migrate");
        Assert.Equal(0, await _workspace.CountAsync("suppressions"));
    }

    public sealed class OnSqlite() : SuppressionCommandsTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SuppressionCommandsTests(postgres);
}
