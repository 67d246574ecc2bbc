using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Storage;

public sealed class PostgresMigratorTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Migrate_Creates_The_Same_Tables_As_On_Sqlite_And_Changes_Nothing_When_Run_Again()
    {
        // Arrange
        using var workspace = new TestWorkspace(Now, postgres);

        // Act
        CliResult first = await workspace.RunAsync("migrate");
        CliResult second = await workspace.RunAsync("migrate");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Password", first.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            ["digest_items", "digests", "feed_state", "inbound_messages", "outbox", "outbox_bodies", "paper_embeddings", "paper_popularity", "papers", "plan_leases", "runtime_state", "send_pace", "subscriber_keywords", "subscriber_papers", "subscribers", "suppressions", "wanted_papers"],
            await workspace.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'qrtz%' AND table_name <> 'schemaversions' ORDER BY table_name"));
        Assert.Equal(
            ["Paperboy.Storage.Migrations.0001_initial.postgres.sql", "Paperboy.Storage.Migrations.0002_feeds.postgres.sql", "Paperboy.Storage.Migrations.0004_links.postgres.sql", "Paperboy.Storage.Migrations.0005_delivery.sql", "Paperboy.Storage.Migrations.0006_planner_state.sql", "Paperboy.Storage.Migrations.0007_inbound.postgres.sql", "Paperboy.Storage.Migrations.0009_paper_embeddings.postgres.sql", "Paperboy.Storage.Migrations.0010_cluster.sql", "Paperboy.Storage.Migrations.0011_retention.sql", "Paperboy.Storage.Migrations.0012_outbox_bodies.postgres.sql", "Paperboy.Storage.Migrations.0013_outbox_ready.sql", "Paperboy.Storage.Migrations.0014_weekly_day.sql", "Paperboy.Storage.Migrations.0015_wanted_papers.sql", "Paperboy.Storage.Migrations.0016_schedule_since.sql"],
            await workspace.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY scriptname"));
    }

    [Fact]
    public async Task Migrate_Reports_The_Server_And_Exits_With_An_Error_When_Postgres_Is_Unreachable()
    {
        // Arrange: a port nothing listens on.
        using var workspace = new TestWorkspace(Now);
        workspace.Settings["Database:Provider"] = "postgres";
        workspace.Settings["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=paperboy;Username=paperboy;Password=secret;Timeout=2";

        // Act
        CliResult result = await workspace.RunAsync("migrate");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot connect to PostgreSQL at Host=127.0.0.1;Port=1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Asks_For_A_Connection_String_When_The_Provider_Is_Postgres_Without_One()
    {
        // Arrange
        using var workspace = new TestWorkspace(Now);
        workspace.Settings["Database:Provider"] = "postgres";

        // Act
        CliResult result = await workspace.RunAsync("migrate");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:ConnectionString is required when Database:Provider is postgres", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "P.Storage.Migrations.0001_initial.sql", true)]
    [InlineData(DatabaseProvider.Sqlite, "P.Storage.Migrations.0001_initial.postgres.sql", false)]
    [InlineData(DatabaseProvider.Sqlite, "P.Storage.Migrations.0005_delivery.sql", true)]
    [InlineData(DatabaseProvider.Postgres, "P.Storage.Migrations.0001_initial.sql", false)]
    [InlineData(DatabaseProvider.Postgres, "P.Storage.Migrations.0001_initial.postgres.sql", true)]
    [InlineData(DatabaseProvider.Postgres, "P.Storage.Migrations.0005_delivery.sql", true)]
    [InlineData(DatabaseProvider.Postgres, "P.Templates.Files.digest.sbn", false)]
    public void IsScriptFor_Runs_A_Plain_Script_On_Both_Engines_Unless_It_Has_A_Postgres_Twin(DatabaseProvider provider, string name, bool expected)
    {
        // Arrange
        HashSet<string> all = ["P.Storage.Migrations.0001_initial.sql", "P.Storage.Migrations.0001_initial.postgres.sql", "P.Storage.Migrations.0005_delivery.sql", "P.Templates.Files.digest.sbn"];

        // Act
        bool runs = DatabaseMigrator.IsScriptFor(provider, name, all);

        // Assert
        Assert.Equal(expected, runs);
    }
}
