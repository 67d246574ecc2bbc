using System.Text.RegularExpressions;
using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;
using Paperboy.Hosting;

namespace Paperboy.Storage;

/// <summary>
/// Applies the numbered scripts in Storage/Migrations (embedded in the assembly) with DbUp, once per process.
/// A script <c>NNNN_name.sql</c> runs on both engines unless <c>NNNN_name.postgres.sql</c> exists beside it:
/// then the plain one is SQLite's and the <c>.postgres.sql</c> one is PostgreSQL's.
/// </summary>
public sealed partial class DatabaseMigrator(ConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    private const string Folder = ".Storage.Migrations.";
    private const string PostgresSuffix = ".postgres.sql";

    // Any fixed number: nodes starting together take turns migrating instead of racing DbUp's journal.
    private const long PostgresMigrationLock = 0x5061706572626f79;

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

            IReadOnlyList<SqlScript> applied = connections.Provider == DatabaseProvider.Postgres ? MigratePostgres() : MigrateSqlite();
            foreach (SqlScript script in applied)
            {
                LogApplied(script.Name);
            }

            _done = true;
        }
    }

    /// <summary>The embedded scripts one engine runs, by resource name.</summary>
    public static bool IsScriptFor(DatabaseProvider provider, string name, IReadOnlySet<string> allNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allNames);
        if (!name.Contains(Folder, StringComparison.Ordinal))
        {
            return false;
        }

        bool postgresOnly = name.EndsWith(PostgresSuffix, StringComparison.Ordinal);
        return provider == DatabaseProvider.Postgres
            ? postgresOnly || !allNames.Contains(name[..^".sql".Length] + PostgresSuffix)
            : !postgresOnly;
    }

    private IReadOnlyList<SqlScript> MigrateSqlite()
    {
        try
        {
            using var connection = new SqliteConnection(connections.ConnectionString);
            connection.Open();
            // WAL is a property of the file: readers (the web pages) never wait for the digest writer. Being the first
            // write of every command, it is where a file that is read-only, or not a database, shows.
            connection.Execute("PRAGMA journal_mode=WAL;");
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new PaperboyException($"cannot open the database {connections.SqlitePath}: {OpenFailure(connections.SqlitePath, ex)}", ex);
        }

        IReadOnlyList<SqlScript> applied = Upgrade(DeployChanges.To.SqliteDatabase(connections.MigrationConnectionString), DatabaseProvider.Sqlite);

        using (var connection = new SqliteConnection(connections.ConnectionString))
        {
            connection.Open();
            if (connection.Query("PRAGMA foreign_key_check").Any())
            {
                throw new PaperboyException("the database has rows whose foreign keys point nowhere after migrating; restore a backup");
            }
        }

        return applied;
    }

    // SQLite's "unable to open database file" does not say why; a folder at the path is the usual reason.
    private static string OpenFailure(string path, Exception exception) => exception switch
    {
        _ when Directory.Exists(path) => "it is a folder, not a file",
        SqliteException sqlite => SqliteReason().Match(sqlite.Message) is { Success: true } match ? match.Groups[1].Value : sqlite.Message,
        // Only creating the file's folder does I/O outside SQLite.
        _ => $"cannot create its folder: {exception.Message}",
    };

    // Microsoft.Data.Sqlite's wording: "SQLite Error 26: 'file is not a database'."; the quoted part is SQLite's own.
    [GeneratedRegex(@"^SQLite Error \d+: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex SqliteReason();

    private IReadOnlyList<SqlScript> MigratePostgres()
    {
        using var connection = new NpgsqlConnection(connections.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            throw new PaperboyException($"cannot connect to PostgreSQL at {connections.Description}: {ex.Message}", ex);
        }

        // A session lock: released by the unlock below, or by the server when this process dies mid-migration.
        connection.Execute("SELECT pg_advisory_lock(@Key)", new { Key = PostgresMigrationLock });
        try
        {
            return Upgrade(DeployChanges.To.PostgresqlDatabase(connections.ConnectionString), DatabaseProvider.Postgres);
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@Key)", new { Key = PostgresMigrationLock });
        }
    }

    private IReadOnlyList<SqlScript> Upgrade(UpgradeEngineBuilder builder, DatabaseProvider provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        HashSet<string> names = [.. assembly.GetManifestResourceNames()];
        UpgradeEngine engine = builder
            .WithScriptsEmbeddedInAssembly(assembly, name => IsScriptFor(provider, name, names))
            .WithTransactionPerScript()
            .LogTo(logger)
            .Build();

        DatabaseUpgradeResult result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new PaperboyException($"database migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        return [.. result.Scripts];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private partial void LogApplied(string script);
}
