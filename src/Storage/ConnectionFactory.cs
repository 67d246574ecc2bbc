using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Paperboy.Storage;

/// <summary>
/// The one seam between the stores and the database engine: opens connections to the configured engine and picks
/// a query's SQL for it where the two dialects differ (<see cref="Sql"/>), so both spellings sit side by side.
/// </summary>
public sealed class ConnectionFactory(IOptions<DatabaseOptions> options, IHostEnvironment environment) : IAsyncDisposable
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteBusyTimeoutMilliseconds = 30_000;

    // Lazy, so that composing the application touches no file: `--help` and `recommend` work whatever the setting,
    // and a folder that cannot be created is reported by the first command that opens the database.
    private readonly Lazy<string> _connectionString = new(() => CreateFolder(options.Value, environment.ContentRootPath));
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(BuildConnectionString(options.Value, environment.ContentRootPath)));

    public DatabaseProvider Provider => options.Value.Provider;

    /// <summary>The SQLite file, as a full path (for messages).</summary>
    public string SqlitePath => Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public string ConnectionString => _connectionString.Value;

    /// <summary>
    /// SQLite, for migrations only: foreign keys off, so a script can rebuild a table (SQLite's way to change a
    /// constraint) without the drop cascading to its children. The migrator checks the keys afterwards.
    /// </summary>
    public string MigrationConnectionString => Provider == DatabaseProvider.Postgres
        ? ConnectionString
        : new SqliteConnectionStringBuilder(ConnectionString) { ForeignKeys = false, Pooling = false }.ToString();

    /// <summary>Where the data lives, for messages (a PostgreSQL password is left out).</summary>
    public string Description => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ToString()
        : ConnectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            return await _dataSource.Value.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Microsoft.Data.Sqlite retries a busy statement itself, but sleeps 150 ms between tries; SQLite's own busy
        // handler waits in steps of 1-100 ms, so a sender waiting for the planner's batch commit resumes at once.
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, SqliteBusyTimeoutMilliseconds);
        return connection;
    }

    /// <summary>The statement for the configured engine: SQLite's and PostgreSQL's spelling of one query, side by side.</summary>
    public string Sql(string sqlite, string postgres) => Provider == DatabaseProvider.Postgres ? postgres : sqlite;

    /// <summary>
    /// "Is one of the list parameter <paramref name="parameter"/>": <c>IN @P</c> on SQLite (Dapper expands the
    /// list), <c>= ANY(@P)</c> on PostgreSQL (Dapper passes the list as one array parameter, which <c>IN</c> cannot take).
    /// </summary>
    public string AnyOf(string parameter) => Provider == DatabaseProvider.Postgres ? $"= ANY(@{parameter})" : $"IN @{parameter}";

    /// <summary>Whether an insert failed because a row with the same unique key exists (either engine).</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// The connection string for the configured engine (also used by the Quartz job store). It touches no file: the
    /// SQLite file's folder is created when the database is first opened.
    /// </summary>
    public static string BuildConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Missing is reported by DatabaseOptions' validation when the host starts.
            return options.ConnectionString ?? "";
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.Path, contentRoot),
            ForeignKeys = true,
            Pooling = true,
            // Seconds a command waits for another writer's lock before it fails.
            DefaultTimeout = 30,
        }.ToString();
    }

    private static string CreateFolder(DatabaseOptions options, string contentRoot)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Path, contentRoot))!);
        }

        return BuildConnectionString(options, contentRoot);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync();
        }
    }
}
