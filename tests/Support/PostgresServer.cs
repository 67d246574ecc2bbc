using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(Paperboy.Tests.Support.PostgresServer))]

namespace Paperboy.Tests.Support;

/// <summary>
/// The PostgreSQL server the dual-engine tests use: the one named by <c>PAPERBOY_TEST_POSTGRES</c> (a connection
/// string whose user may create databases), else a private cluster started from the machine's PostgreSQL binaries
/// in a temporary folder on a free loopback port, on first use, and stopped when the test run ends. Every caller
/// gets a fresh database of its own. Without either, the test reports itself skipped with the reason.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "PAPERBOY_TEST_POSTGRES";

    private readonly Lazy<Task<string?>> _admin;
    private PrivateCluster? _cluster;

    public PostgresServer() => _admin = new(StartAsync);

    /// <summary>Creates an empty database and returns its connection string (skips the test when there is no server).</summary>
    public string CreateDatabase()
    {
        string? admin = _admin.Value.GetAwaiter().GetResult();
        if (admin is null)
        {
            Assert.Skip($"PostgreSQL is not installed (apt-get install postgresql), and {EnvironmentVariable} is not set");
        }

        string name = $"paperboy_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever is still connected to it.</summary>
    public void DropDatabase(string connectionString)
    {
        string database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_admin.Value.GetAwaiter().GetResult());
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _cluster.StopAsync();
        }
    }

    private async Task<string?> StartAsync()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        string? binaries = PrivateCluster.FindBinaries();
        if (binaries is null)
        {
            return null;
        }

        _cluster = await PrivateCluster.StartAsync(binaries);
        return _cluster.ConnectionString;
    }

    /// <summary>A throwaway cluster: initdb into a temp folder, trust authentication on 127.0.0.1 only, no fsync.</summary>
    private sealed class PrivateCluster(string binaries, string root, string runAs)
    {
        public string ConnectionString { get; private set; } = "";

        private string DataDirectory => Path.Combine(root, "data");

        public static string? FindBinaries() =>
            Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0)
                    .FirstOrDefault()
                : null;

        public static async Task<PrivateCluster> StartAsync(string binaries)
        {
            string root = Directory.CreateTempSubdirectory("paperboy-pg-").FullName;
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres account Debian's package creates.
            string runAs = Environment.UserName == "root" ? "postgres" : "";
            var cluster = new PrivateCluster(binaries, root, runAs);
            if (runAs.Length > 0)
            {
                await RunAsync("chown", ["-R", runAs, root]);
            }

            int port = FreePort();
            await cluster.RunPostgresAsync("initdb", ["-D", cluster.DataDirectory, "-U", "paperboy", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            string options = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            await cluster.RunPostgresAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "start"]);
            cluster.ConnectionString = $"Host=127.0.0.1;Port={port};Username=paperboy;Database=postgres;Pooling=true";
            return cluster;
        }

        public async Task StopAsync()
        {
            try
            {
                await RunPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private Task RunPostgresAsync(string program, string[] arguments) =>
            runAs.Length > 0
                ? RunAsync("runuser", ["-u", runAs, "--", Path.Combine(binaries, program), .. arguments])
                : RunAsync(Path.Combine(binaries, program), arguments);

        private static async Task RunAsync(string program, string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
