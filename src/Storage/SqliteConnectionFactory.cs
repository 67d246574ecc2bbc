using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Paperboy.Storage;

public sealed class SqliteConnectionFactory(IOptions<DatabaseOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<string> _connectionString = new(() => BuildConnectionString(options.Value, environment.ContentRootPath));

    public string ConnectionString => _connectionString.Value;

    /// <summary>
    /// For migrations only: foreign keys off, so a script can rebuild a table (SQLite's way to change a
    /// constraint) without the drop cascading to its children. The migrator checks the keys afterwards.
    /// </summary>
    public string MigrationConnectionString => new SqliteConnectionStringBuilder(ConnectionString) { ForeignKeys = false, Pooling = false }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The connection string for the configured file, creating its folder (also used by the Quartz job store).</summary>
    public static string BuildConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = Path.GetFullPath(options.Path, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = true,
            // Seconds a command waits for another writer's lock before it fails.
            DefaultTimeout = 30,
        }.ToString();
    }
}
