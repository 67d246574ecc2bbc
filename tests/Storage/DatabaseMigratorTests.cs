using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Storage;

public sealed class DatabaseMigratorTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Migrate_Creates_The_Schema_In_Wal_Mode_And_Changes_Nothing_When_Run_Again()
    {
        // Act
        CliResult first = await _workspace.RunAsync("migrate");
        CliResult second = await _workspace.RunAsync("migrate");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["wal"], await _workspace.QueryAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(
            ["digest_items", "digests", "feed_state", "inbound_messages", "outbox", "outbox_bodies", "paper_embeddings", "paper_popularity", "papers", "plan_leases", "runtime_state", "send_pace", "subscriber_keywords", "subscriber_papers", "subscribers", "suppressions", "wanted_papers"],
            await _workspace.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'SchemaVersions' ORDER BY name"));
        Assert.Equal(
            ["Paperboy.Storage.Migrations.0001_initial.sql", "Paperboy.Storage.Migrations.0002_feeds.sql", "Paperboy.Storage.Migrations.0004_links.sql", "Paperboy.Storage.Migrations.0005_delivery.sql", "Paperboy.Storage.Migrations.0006_planner_state.sql", "Paperboy.Storage.Migrations.0007_inbound.sql", "Paperboy.Storage.Migrations.0009_paper_embeddings.sql", "Paperboy.Storage.Migrations.0010_cluster.sql", "Paperboy.Storage.Migrations.0011_retention.sql", "Paperboy.Storage.Migrations.0012_outbox_bodies.sql", "Paperboy.Storage.Migrations.0013_outbox_ready.sql", "Paperboy.Storage.Migrations.0014_weekly_day.sql", "Paperboy.Storage.Migrations.0015_wanted_papers.sql", "Paperboy.Storage.Migrations.0016_schedule_since.sql"],
            await _workspace.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName"));
    }

    [Fact]
    public async Task Migrate_Creates_The_Database_Folder_When_It_Is_Missing()
    {
        // Arrange
        string nested = Path.Combine(_workspace.Root, "a", "b", "paperboy.db");
        _workspace.Settings["Database:Path"] = nested;

        // Act
        CliResult result = await _workspace.RunAsync("migrate");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(nested));
    }

    [Theory]
    [InlineData("file", "file is not a database")]
    [InlineData("folder", "it is a folder, not a file")]
    [InlineData("under-a-file", "cannot create its folder")]
    public async Task Command_Prints_One_Line_And_Exits_1_When_The_Database_Cannot_Be_Opened(string kind, string reason)
    {
        // Arrange: each fails for root too (a read-only file does not).
        string path = Path.Combine(_workspace.Root, "broken.db");
        switch (kind)
        {
            case "file":
                File.WriteAllText(path, "these are notes, not a database; SQLite reads the header and refuses it");
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            default:
                File.WriteAllText(Path.Combine(_workspace.Root, "afile"), "");
                path = Path.Combine(_workspace.Root, "afile", "paperboy.db");
                break;
        }

        _workspace.Settings["Database:Path"] = path;

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "list");

        // Assert
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot open the database {path}: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
