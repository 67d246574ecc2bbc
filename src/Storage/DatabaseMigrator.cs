using Dapper;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Paperboy.Hosting;

namespace Paperboy.Storage;

/// <summary>
/// Applies the numbered scripts in Storage/Migrations (embedded in the assembly) with DbUp, once per process.
/// </summary>
public sealed partial class DatabaseMigrator(SqliteConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    private readonly Lock _lock = new();
    private bool _done;

    public void Migrate()
    {
        lock (_lock)
        {
            if (_done)
            {
                return;
            }

            using (var connection = new SqliteConnection(connections.ConnectionString))
            {
                connection.Open();
                // WAL is a property of the file: readers (the web pages) never wait for the digest writer.
                connection.Execute("PRAGMA journal_mode=WAL;");
            }

            UpgradeEngine engine = DeployChanges.To
                .SqliteDatabase(connections.MigrationConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Storage.Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(logger)
                .Build();

            DatabaseUpgradeResult result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new PaperboyException($"database migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
            }

            using (var connection = new SqliteConnection(connections.ConnectionString))
            {
                connection.Open();
                if (connection.Query("PRAGMA foreign_key_check").Any())
                {
                    throw new PaperboyException("the database has rows whose foreign keys point nowhere after migrating; restore a backup");
                }
            }

            foreach (SqlScript script in result.Scripts)
            {
                LogApplied(script.Name);
            }

            _done = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private partial void LogApplied(string script);
}
