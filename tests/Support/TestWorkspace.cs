using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Paperboy.Hosting;
using Paperboy.Storage;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>
/// A temporary data folder (SQLite file, pickup folder) and a fake clock; runs the real application's
/// commands in process against them, exactly as <c>dotnet run --project src -- ARGS</c> would. Given a
/// <see cref="PostgresServer"/>, the database is a fresh PostgreSQL database instead of the SQLite file.
/// </summary>
public sealed class TestWorkspace : IDisposable
{
    private readonly PostgresServer? _postgres;

    public TestWorkspace(DateTimeOffset now, PostgresServer? postgres = null)
    {
        Root = Directory.CreateTempSubdirectory("paperboy-test-").FullName;
        Time = new FakeTimeProvider(now);
        Settings["Database:Path"] = DatabasePath;
        Settings["Mail:PickupDirectory"] = PickupDirectory;
        // Tests never fetch the real feeds in appsettings.json; feed tests serve their own on 127.0.0.1.
        Settings["Feeds:Enabled"] = "false";
        Settings["Feeds:ArxivApiUrl"] = "";
        // Loading the model costs seconds; the tests of embeddings turn it on.
        Settings["Embeddings:Enabled"] = "false";
        if (postgres is not null)
        {
            _postgres = postgres;
            PostgresConnectionString = postgres.CreateDatabase();
            Settings["Database:Provider"] = "postgres";
            Settings["Database:ConnectionString"] = PostgresConnectionString;
        }
    }

    public DatabaseProvider Provider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>The column that keeps subscriber_keywords in the order they were given (SQLite's rowid, PostgreSQL's seq).</summary>
    public string KeywordOrder => Provider == DatabaseProvider.Postgres ? "seq" : "rowid";

    /// <summary>The PostgreSQL database of this workspace, or null when it runs on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "paperboy.db");

    public string PickupDirectory => Path.Combine(Root, "outbox");

    public FakeTimeProvider Time { get; }

    /// <summary>Configuration that overrides appsettings.json for every command run here.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public static string RepositoryRoot => ContentRoot.Locate();

    public static string SampleCorpus => Path.Combine(RepositoryRoot, "samples", "papers.txt");

    public void UseSmtp(TestSmtpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        UseSmtp(server.Port);
    }

    /// <summary>Sends over plain SMTP to 127.0.0.1 at <paramref name="port"/> (where nothing may be listening).</summary>
    public void UseSmtp(int port)
    {
        Settings["Mail:Transport"] = "smtp";
        Settings["Mail:Smtp:Host"] = "127.0.0.1";
        Settings["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Mail:Smtp:Security"] = "None";
        // Tests send as fast as loopback allows unless they test the rate limit itself.
        Settings.TryAdd("Mail:RateLimit:PerSecond", "0");
        Settings.TryAdd("Mail:RateLimit:PerHour", "0");
    }

    /// <summary>Extra services for every command run here (e.g. a logger provider that records events).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        await using WebApplication app = Program.Build(args, Settings, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            ConfigureServices?.Invoke(services);
        });
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await app.RunPaperboyAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Ingests the sample corpus and subscribes <c>NAME@example.com</c> for each of <paramref name="names"/>, with
    /// <paramref name="keywords"/>, due at 07:00 UTC.
    /// </summary>
    public async Task AddReadersAsync(string keywords, params string[] names)
    {
        await RunAsync("papers", "ingest", SampleCorpus);
        foreach (string name in names)
        {
            CliResult added = await RunAsync("subscribers", "add", $"{name}@example.com", "--keywords", keywords, "--timezone", "UTC", "--hour", "7");
            Assert.True(added.ExitCode == 0, added.ToString());
        }
    }

    public string WriteFile(string name, string content)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A connection to this workspace's database, whichever engine it is.</summary>
    public DbConnection Connect() => PostgresConnectionString is null
        ? new SqliteConnection($"Data Source={DatabasePath}")
        : new NpgsqlConnection(PostgresConnectionString);

    public async Task<long> CountAsync(string table)
    {
        await using DbConnection connection = Connect();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using DbConnection connection = Connect();
        return [.. await connection.QueryAsync<T>(sql)];
    }

    /// <summary>Waits until no message is queued or being sent (the app sends account mail in the background).</summary>
    public async Task WaitForOutboxIdleAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (await CountAsync("outbox WHERE state IN ('pending', 'sending')") > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the outbox did not settle");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Every row of every table as text, to show that something changed nothing. Quartz's tables and the
    /// planner's bookkeeping are left out: the app's scheduled run may touch them at any moment.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        await using DbConnection connection = Connect();
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        string tables = Provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'qrtz%' AND table_name <> 'runtime_state' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'QRTZ%' AND name <> 'runtime_state' ORDER BY name";
        foreach (string table in await connection.QueryAsync<string>(tables))
        {
            text.AppendLine(table);
            foreach (IDictionary<string, object> row in (await connection.QueryAsync($"SELECT * FROM \"{table}\"")).Cast<IDictionary<string, object>>())
            {
                text.AppendLine(string.Join(" | ", row.Select(c => $"{c.Key}={(c.Value is byte[] b ? Convert.ToBase64String(b) : c.Value)}")));
            }
        }

        return text.ToString();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is not null)
        {
            _postgres!.DropDatabase(PostgresConnectionString);
        }

        Directory.Delete(Root, recursive: true);
    }
}
