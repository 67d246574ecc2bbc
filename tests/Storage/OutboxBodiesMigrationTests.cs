using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Storage;

public abstract class OutboxBodiesMigrationTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Migrate_Moves_Stored_Bodies_Into_Their_Own_Table_When_A_Version_11_Database_Is_Upgraded()
    {
        // Arrange: the schema as version 11 left it, with a message whose body is stored and one retention emptied.
        UpgradeEngineBuilder builder = _workspace.Provider == DatabaseProvider.Postgres
            ? DeployChanges.To.PostgresqlDatabase(_workspace.PostgresConnectionString)
            : DeployChanges.To.SqliteDatabase($"Data Source={_workspace.DatabasePath}");
        HashSet<string> names = [.. typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()];
        DatabaseUpgradeResult upTo11 = builder
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                name => DatabaseMigrator.IsScriptFor(_workspace.Provider, name, names) && string.CompareOrdinal(name, "Paperboy.Storage.Migrations.0012") < 0)
            .Build()
            .PerformUpgrade();
        Assert.True(upTo11.Successful, upTo11.Error?.Message);
        byte[] body = [.. Enumerable.Range(0, 20_000).Select(i => (byte)(i % 251))];
        using (var connection = _workspace.Connect())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox (id, message_id, recipient, subject, mime, state, created_at, updated_at, sent_at)
                VALUES (1, 'kept@test', 'a@example.com', 'A', @Body, 'sent', 'x', 'x', '2026-11-26T07:00:00Z'),
                       (2, 'emptied@test', 'b@example.com', 'B', @Empty, 'sent', 'x', 'x', '2026-11-01T07:00:00Z')
                """,
                new { Body = body, Empty = Array.Empty<byte>() });
        }

        // Act
        CliResult migrated = await _workspace.RunAsync("migrate");

        // Assert
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Equal([(1L, 1L), (2L, 0L)], await _workspace.QueryAsync<(long, long)>("SELECT id, has_body FROM outbox ORDER BY id"));
        List<(long Id, byte[] Mime)> bodies = await _workspace.QueryAsync<(long, byte[])>("SELECT outbox_id, mime FROM outbox_bodies");
        Assert.Equal(1, Assert.Single(bodies).Id);
        Assert.Equal(body, bodies[0].Mime);
    }

    public sealed class OnSqlite() : OutboxBodiesMigrationTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : OutboxBodiesMigrationTests(postgres);
}
