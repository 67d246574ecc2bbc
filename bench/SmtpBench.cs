using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Hosting;
using Paperboy.Scheduler;

namespace Paperboy.Bench;

/// <summary>
/// Digests planned, rendered and accepted by a local SMTP sink per second, with 1 and 4 connections, next to a
/// plain MailKit loop sending the same messages to the same sink. Not a test: run it with bench/run-smtp-bench.sh.
/// </summary>
internal static class SmtpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int port = Option(args, "--port", 0);
        int messages = Option(args, "--messages", 5000);
        int memoryMessages = Option(args, "--memory-messages", 0);
        int profile = Option(args, "--profile", 0);
        int onlyConnections = Option(args, "--connections", 0);
        int rounds = Option(args, "--rounds", 1);
        if (port == 0 || rounds < 1)
        {
            await Console.Error.WriteLineAsync("usage: Paperboy.Bench --port PORT [--messages 5000] [--connections 1|4] [--rounds N] [--whole-only] [--profile N] [--memory-messages 100000]  (an SMTP sink on 127.0.0.1:PORT)");
            return 2;
        }

        Console.WriteLine($"logical cores: {Environment.ProcessorCount}; digests per run: {messages}; sink 127.0.0.1:{port}");
        if (profile > 0)
        {
            (string folder, string database, WebApplication app) = await SeedAsync(port, 1, profile);
            await PlanProfile.PrintAsync(app.Services, profile);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine("Rates are wall clock; CPU is the process's CPU milliseconds per digest (the machine is shared: CPU time is the steadier figure).");
        Console.WriteLine("\"plan, send\": the two phases one after the other on one database; \"whole run\": DigestRunner (send-due) on a fresh one.");
        Console.WriteLine("connections | plan+render/s | send/s | whole run/s | raw MailKit/s | whole/raw | send/raw | CPU ms plan | CPU ms send | CPU ms whole | CPU ms raw | load avg");
        foreach (int connections in messages == 0 ? [] : onlyConnections > 0 ? [onlyConnections] : new[] { 1, 4 })
        {
            if (args.Contains("--whole-only"))
            {
                // For profiling the pipeline as send-due runs it, without the other runs around it.
                long allocated = GC.GetTotalAllocatedBytes();
                TimeSpan paused = GC.GetTotalPauseDuration();
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                (int digests, TimeSpan wall, TimeSpan cpu) = await RunWholeAsync(port, connections, messages, announce: true, warmup: Option(args, "--warmup", 0));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole run only, {connections} connection(s): {digests / wall.TotalSeconds:F0} digests/s, {PerDigest(cpu, digests):F2} CPU ms per digest, load average {LoadAverage()}"));
                // Includes seeding the database (not timed above): for comparing builds, not as a figure of the run alone.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  GC (seeding included): {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / digests:F0} KB allocated per digest, collections gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms of {wall.TotalMilliseconds:F0} ms"));
                continue;
            }

            PipelineResult run = await RunPipelineAsync(port, connections, messages, sample: false);
            List<byte[]> sameMessages = await BenchDatabase.MessagesAsync(run.DatabasePath, messages);
            Directory.Delete(run.Folder, recursive: true);
            // The whole run and the raw loop take turns, so a change in the machine's load falls on both alike;
            // with several rounds the row shows their medians and the ratio of the medians.
            var wholeRates = new List<double>();
            var rawRates = new List<double>();
            var wholeCpus = new List<double>();
            var rawCpus = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                (int wholeDigests, TimeSpan wholeWall, TimeSpan wholeCpu) = await RunWholeAsync(port, connections, messages);
                TimeSpan rawCpu = Cpu();
                rawRates.Add(await RawSender.MessagesPerSecondAsync(port, connections, sameMessages));
                rawCpus.Add(PerDigest(Cpu() - rawCpu, sameMessages.Count));
                wholeRates.Add(wholeDigests / wholeWall.TotalSeconds);
                wholeCpus.Add(PerDigest(wholeCpu, wholeDigests));
            }

            double whole = Median(wholeRates);
            double raw = Median(rawRates);
            double sendRate = run.Digests / run.Send.TotalSeconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{connections,11} | {run.Digests / run.Plan.TotalSeconds,12:F0} | {sendRate,6:F0} | {whole,11:F0} | {raw,13:F0} | {whole / raw,9:P0} | {sendRate / raw,8:P0} | {PerDigest(run.PlanCpu, run.Digests),11:F2} | {PerDigest(run.SendCpu, run.Digests),11:F2} | {Median(wholeCpus),12:F2} | {Median(rawCpus),10:F2} | {LoadAverage()}"));
            if (rounds > 1)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{"",11}   {rounds} rounds, whole run / raw loop per round: {string.Join(", ", wholeRates.Zip(rawRates, (w, r) => $"{w:F0}/{r:F0} ({w / r:P0})"))}"));
            }
        }

        if (memoryMessages > 0)
        {
            PipelineResult run = await RunPipelineAsync(port, 4, memoryMessages, sample: true);
            Console.WriteLine($"memory over {run.Digests} digests, 4 connections (plan {run.Plan.TotalSeconds:F0} s wall, {run.PlanCpu.TotalSeconds:F0} s CPU; send {run.Send.TotalSeconds:F0} s wall, {run.SendCpu.TotalSeconds:F0} s CPU; load average {LoadAverage()}):");
            Console.WriteLine("phase | second | managed heap MB | working set MB");
            foreach ((string phase, List<(double Seconds, long HeapBytes, long WorkingSetBytes)> samples) in new[] { ("plan", run.PlanSamples), ("send", run.SendSamples) })
            {
                int step = Math.Max(1, samples.Count / 10);
                for (int i = 0; i < samples.Count; i += step)
                {
                    (double seconds, long heap, long workingSet) = samples[i];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase} | {seconds,6:F0} | {heap / 1e6,15:F0} | {workingSet / 1e6,14:F0}"));
                }
            }

            Directory.Delete(run.Folder, recursive: true);
        }

        return 0;
    }

    private static async Task<PipelineResult> RunPipelineAsync(int port, int connections, int count, bool sample)
    {
        (string folder, string database, WebApplication app) = await SeedAsync(port, connections, count);
        await using WebApplication _ = app;
        DigestPlanner planner = app.Services.GetRequiredService<DigestPlanner>();
        OutboxDispatcher dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        GC.Collect();

        var result = new PipelineResult(folder, database);
        var watch = Stopwatch.StartNew();
        TimeSpan cpu = Cpu();
        await using (MemorySampler? sampler = sample ? new MemorySampler("plan") : null)
        {
            await planner.PlanDueAsync(CancellationToken.None);
            result.Plan = watch.Elapsed;
            result.PlanCpu = Cpu() - cpu;
            result.PlanSamples = sampler?.Samples ?? [];
        }

        watch.Restart();
        cpu = Cpu();
        await using (MemorySampler? sampler = sample ? new MemorySampler("send") : null)
        {
            await dispatcher.DispatchAsync(CancellationToken.None);
            result.Send = watch.Elapsed;
            result.SendCpu = Cpu() - cpu;
            result.SendSamples = sampler?.Samples ?? [];
        }

        // A subscriber with nothing above the relevance floor gets no digest; rates count the digests made.
        result.Digests = (int)await BenchDatabase.CountAsync(database, "SELECT COUNT(*) FROM outbox");
        long sent = await BenchDatabase.CountAsync(database, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'");
        if (sent != result.Digests || result.Digests < count * 0.9)
        {
            throw new InvalidOperationException($"{sent} of {result.Digests} digests for {count} subscribers were sent; the run is not comparable");
        }

        return result;
    }

    /// <summary>A fresh database with the sample corpus and <paramref name="count"/> subscribers, and the app over it.</summary>
    private static async Task<(string Folder, string Database, WebApplication App)> SeedAsync(int port, int connections, int count)
    {
        string folder = Directory.CreateTempSubdirectory("paperboy-bench-").FullName;
        string database = Path.Combine(folder, "paperboy.db");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = database,
            ["Feeds:Enabled"] = "false",
            ["Mail:Transport"] = "smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Connections"] = connections.ToString(CultureInfo.InvariantCulture),
            ["Mail:RateLimit:PerSecond"] = "0",
            ["Mail:RateLimit:PerHour"] = "0",
        };

        // A command's argument list, so the app logs like a command: warnings and errors only.
        WebApplication app = Program.Build(["send-due"], settings);
        int ingested = await app.RunPaperboyAsync(["papers", "ingest", Path.Combine(ContentRoot.Locate(), "samples", "papers.txt")], TextWriter.Null, Console.Error);
        if (ingested != 0)
        {
            throw new InvalidOperationException("ingesting the sample corpus failed");
        }

        for (int first = 0; first < count; first += 10_000)
        {
            await BenchDatabase.AddSubscribersAsync(database, first, Math.Min(10_000, count - first));
        }

        return (folder, database, app);
    }

    /// <summary>The whole pipeline as the service runs it (DigestRunner, as `send-due` does): digests made, wall time, CPU time.</summary>
    /// <remarks>
    /// With a warm-up, the same app first plans and sends that many digests, unmeasured, and then the measured
    /// run's subscribers are added: the measured run is a long-lived service's (JIT and tiering done, Dapper's and
    /// the container's generated code made), not a fresh process's.
    /// </remarks>
    private static async Task<(int Digests, TimeSpan Wall, TimeSpan Cpu)> RunWholeAsync(int port, int connections, int count, bool announce = false, int warmup = 0)
    {
        (string folder, string database, WebApplication app) = await SeedAsync(port, connections, warmup > 0 ? warmup : count);
        long before = 0;
        if (warmup > 0)
        {
            await app.Services.GetRequiredService<DigestRunner>().RunDueAsync(CancellationToken.None);
            before = await BenchDatabase.CountAsync(database, "SELECT COUNT(*) FROM outbox");
            await BenchDatabase.AddSubscribersAsync(database, warmup, count);
            Console.WriteLine($"warmed up with {before} digests in the same app; {count} more subscribers added");
        }

        if (announce)
        {
            // For a profiler attached by process id: what follows is the measured run alone, without the seeding.
            Console.WriteLine($"seeded; the run starts (process {Environment.ProcessId})");
        }

        TimeSpan wall;
        TimeSpan cpu;
        await using (app)
        {
            DigestRunner runner = app.Services.GetRequiredService<DigestRunner>();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            cpu = Cpu();
            await runner.RunDueAsync(CancellationToken.None);
            wall = watch.Elapsed;
            cpu = Cpu() - cpu;
        }

        int digests = (int)(await BenchDatabase.CountAsync(database, "SELECT COUNT(*) FROM outbox") - before);
        long sent = await BenchDatabase.CountAsync(database, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'") - before;
        Directory.Delete(folder, recursive: true);
        if (sent != digests || digests < count * 0.9)
        {
            throw new InvalidOperationException($"{sent} of {digests} digests for {count} subscribers were sent; the run is not comparable");
        }

        return (digests, wall, cpu);
    }

    private static double PerDigest(TimeSpan cpu, int digests) => cpu.TotalMilliseconds / digests;

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values.Order()];
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average (Linux), to print next to every figure.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class PipelineResult(string folder, string databasePath)
    {
        public string Folder { get; } = folder;

        public string DatabasePath { get; } = databasePath;

        public int Digests { get; set; }

        public TimeSpan Plan { get; set; }

        public TimeSpan Send { get; set; }

        public TimeSpan PlanCpu { get; set; }

        public TimeSpan SendCpu { get; set; }

        public List<(double Seconds, long HeapBytes, long WorkingSetBytes)> PlanSamples { get; set; } = [];

        public List<(double Seconds, long HeapBytes, long WorkingSetBytes)> SendSamples { get; set; } = [];
    }
}
