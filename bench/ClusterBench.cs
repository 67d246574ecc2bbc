using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using Paperboy.Hosting;

namespace Paperboy.Bench;

/// <summary>
/// Issue 8's capacity figures: digests per second for 1, 2 and 3 nodes, each node a separate process of the real
/// service, on one PostgreSQL database and one SMTP sink. Not a test: run it with bench/run-cluster-bench.sh.
/// </summary>
internal static class ClusterBench
{
    private static readonly string[] SubscriberTables = ["subscribers", "subscriber_keywords", "subscriber_papers"];
    private static readonly string[] DigestTables = ["digests", "digest_items"];
    private static readonly string[] OutboxTable = ["outbox", "outbox_bodies"];

    public static async Task<int> RunAsync(string[] args)
    {
        string? admin = Text(args, "--postgres");
        string? app = Text(args, "--app");
        int port = int.Parse(Text(args, "--port") ?? "0", CultureInfo.InvariantCulture);
        int subscribers = int.Parse(Text(args, "--subscribers") ?? "10000", CultureInfo.InvariantCulture);
        int[] nodeCounts = [.. (Text(args, "--nodes") ?? "1,2,3").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
        int postmaster = int.Parse(Text(args, "--postmaster-pid") ?? "0", CultureInfo.InvariantCulture);
        if (admin is null || app is null || port == 0)
        {
            await Console.Error.WriteLineAsync("usage: Paperboy.Bench cluster --postgres CONNSTR --app Paperboy.dll --port SMTP_PORT [--subscribers 10000] [--nodes 1,2,3] [--postmaster-pid PID]");
            return 2;
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores shared by every node, PostgreSQL, the SMTP sink and this driver; {subscribers:N0} subscribers due at once per run");
        Console.WriteLine("nodes | wall s (import end → all sent) | digests/s | first digest → last sent s | digests/s (window) | node CPU s | PostgreSQL CPU s | CPU ms per digest (nodes + db) | load avg before → after");
        foreach (int nodes in nodeCounts)
        {
            await RunOnceAsync(admin, app, port, subscribers, nodes, postmaster);
        }

        return 0;
    }

    private static async Task RunOnceAsync(string admin, string app, int port, int subscribers, int nodes, int postmaster)
    {
        string name = $"paperboy_bench_{nodes}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        }

        string database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        Dictionary<string, string?> settings = new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database,
            ["Urls"] = "http://127.0.0.1:0",
            ["Scheduler:Interval"] = "00:00:05",
            ["Feeds:Enabled"] = "false",
            ["Embeddings:Enabled"] = "false",
            ["Mail:Transport"] = "smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:RateLimit:PerSecond"] = "0",
            ["Mail:RateLimit:PerHour"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };

        await CommandAsync(settings, "papers", "ingest", "samples/papers.txt");
        List<Process> started = [];
        try
        {
            for (int i = 0; i < nodes; i++)
            {
                started.Add(await StartNodeAsync(app, settings));
            }

            string loadBefore = LoadAverage();
            TimeSpan dbCpuBefore = PostmasterCpu(postmaster);
            string csv = Path.Combine(Path.GetTempPath(), $"{name}.csv");
            string[] interests = ["semantic segmentation", "reinforcement learning", "language model", "object detection", "diffusion", "graph"];
            await File.WriteAllLinesAsync(csv, [
                "email,keywords,frequency,timezone,hour,consented",
                .. Enumerable.Range(0, subscribers).Select(i => string.Create(
                    CultureInfo.InvariantCulture, $"bench{i:0000000}@example.com,{interests[i % interests.Length]};{interests[(i / 6) % interests.Length]},daily,UTC,0,true"))]);
            await CommandAsync(settings, "subscribers", "import", csv);
            File.Delete(csv);

            var wall = Stopwatch.StartNew();
            await using var db = new NpgsqlConnection(database);
            while (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM digests") < subscribers
                   || await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')") > 0)
            {
                await Task.Delay(200);
            }

            TimeSpan elapsed = wall.Elapsed;
            TimeSpan nodeCpu = started.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.TotalProcessorTime);
            TimeSpan dbCpu = PostmasterCpu(postmaster) - dbCpuBefore;
            (string first, string last) = await db.QuerySingleAsync<(string, string)>("SELECT (SELECT MIN(created_at) FROM digests), (SELECT MAX(sent_at) FROM outbox)");
            double window = (DateTimeOffset.Parse(last, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(first, CultureInfo.InvariantCulture)).TotalSeconds;
            long sent = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE state = 'sent'");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{nodes,5} | {elapsed.TotalSeconds,30:F1} | {sent / elapsed.TotalSeconds,9:F0} | {window,26:F1} | {sent / window,18:F0} | {nodeCpu.TotalSeconds,10:F1} | {dbCpu.TotalSeconds,16:F1} | {(nodeCpu + dbCpu).TotalMilliseconds / sent,30:F2} | {loadBefore} → {LoadAverage()}"));
            if (sent != subscribers)
            {
                Console.WriteLine($"      note: {sent} of {subscribers} sent; outbox: {string.Join(", ", await db.QueryAsync<string>("SELECT state || '=' || COUNT(*) FROM outbox GROUP BY state"))}");
            }

            await PrintSizesAsync(db, subscribers);
        }
        finally
        {
            foreach (Process node in started)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                node.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    /// <summary>Bytes per subscriber (the subscriber tables) and per digest (digest, items, outbox with the message).</summary>
    private static async Task PrintSizesAsync(NpgsqlConnection db, int subscribers)
    {
        const string Size = "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c WHERE c.relkind = 'r' AND c.relname = ANY(@Tables)";
        long perSubscriber = await db.ExecuteScalarAsync<long>(Size, new { Tables = SubscriberTables });
        long perDigest = await db.ExecuteScalarAsync<long>(Size, new { Tables = DigestTables });
        long outbox = await db.ExecuteScalarAsync<long>(Size, new { Tables = OutboxTable });
        long mime = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(octet_length(mime)), 0) FROM outbox_bodies");
        long whole = await db.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"      sizes: subscriber tables {perSubscriber / (double)subscribers:F0} B per subscriber; digests + digest_items {perDigest / (double)subscribers:F0} B per digest; outbox {outbox / (double)subscribers:F0} B per message (MIME alone {mime / (double)subscribers:F0} B, before TOAST compression); whole database {whole / 1e6:F0} MB"));
    }

    private static async Task<Process> StartNodeAsync(string app, Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(app);
        foreach ((string key, string? value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Process process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return process;
    }

    private static async Task CommandAsync(Dictionary<string, string?> settings, params string[] args)
    {
        await using WebApplication command = Program.Build(args, settings);
        int exit = await command.RunPaperboyAsync(args, TextWriter.Null, Console.Error);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with {exit}");
        }
    }

    /// <summary>
    /// The PostgreSQL server's CPU so far: the postmaster's own, that of its exited children, and that of the children
    /// still running (the backends of the nodes' open connections).
    /// </summary>
    private static TimeSpan PostmasterCpu(int pid)
    {
        if (pid == 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return TimeSpan.Zero;
        }

        long ticks = Ticks(pid, withChildren: true);
        foreach (string stat in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                string[] fields = Fields(stat);
                if (fields[1] == pid.ToString(CultureInfo.InvariantCulture))
                {
                    ticks += Ticks(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat))!, CultureInfo.InvariantCulture), withChildren: false);
                }
            }
            catch (IOException)
            {
                // The process ended while being read; its time is now in the postmaster's children's total.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);

        // After the ")" ending the command name: field 4 (ppid) is [1]; utime, stime, cutime, cstime are [11]..[14],
        // in clock ticks (100 a second on Linux).
        static string[] Fields(string path) => File.ReadAllText(path).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        static long Ticks(int process, bool withChildren) =>
            Fields($"/proc/{process}/stat").Skip(11).Take(withChildren ? 4 : 2).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string? Text(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
