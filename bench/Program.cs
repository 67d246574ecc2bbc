using System.Diagnostics;

namespace Paperboy.Bench;

/// <summary>The benchmarks' entry point; a named class, so the app's own <c>Program</c> stays reachable.</summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        // Two benchmarks. `smtp ...`: digests planned, rendered and accepted by a local SMTP sink (bench/run-smtp-bench.sh).
        // Otherwise the scale target of issue 3: one day's 1,000 papers for 1,000,000 subscribers, top 10 each.
        // Usage: dotnet run -c Release --project bench -- [--subscribers N] [--papers FILE.jsonl] [--naive N]
        if (args.Length > 0 && args[0] == "smtp")
        {
            return await SmtpBench.RunAsync(args[1..]);
        }

        // `cluster ...`: digests per second for 1, 2 and 3 service processes on one PostgreSQL (bench/run-cluster-bench.sh).
        if (args.Length > 0 && args[0] == "cluster")
        {
            return await ClusterBench.RunAsync(args[1..]);
        }

        int subscribers = Argument("--subscribers", 1_000_000);
        int naiveSubscribers = Argument("--naive", 2_000);
        string papersPath = Arguments("--papers") ?? Path.Combine(AppContext.BaseDirectory, "../../../../../shared/data/eval/citeulike-a");
        var day = DayCorpus.Load(papersPath, 1_000);
        Console.WriteLine($"{day.Papers.Count} papers, {subscribers:N0} subscribers (3-8 keywords, 0-20 liked papers each), {Environment.ProcessorCount} cores");

        TimeSpan generateCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var generate = Stopwatch.StartNew();
        Parallel.For(0, Math.Min(subscribers, 100_000), n => day.Profile(n));
        generateCpu = Process.GetCurrentProcess().TotalProcessorTime - generateCpu;
        Console.WriteLine($"making {Math.Min(subscribers, 100_000):N0} synthetic profiles alone (included in the times below): {generate.Elapsed.TotalSeconds:F2} s, CPU {generateCpu.TotalSeconds:F2} s");
        // Warm-up: let the JIT reach optimised code for both paths before anything is timed.
        ScaleRun.Ranker(day, Math.Min(subscribers, 20_000));
        ScaleRun.Naive(day, Math.Min(naiveSubscribers, 200));
        ScaleRun fast = ScaleRun.Ranker(day, subscribers);
        Console.WriteLine(fast.Describe("PaperRanker (production path)"));
        ScaleRun naive = ScaleRun.Naive(day, naiveSubscribers);
        Console.WriteLine(naive.Describe("straightforward loop over every pair"));
        Console.WriteLine($"ratio: {fast.PairsPerSecond / naive.PairsPerSecond:F1}x more subscriber-papers per second");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GB");
        return 0;

        int Argument(string name, int fallback) => Arguments(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        string? Arguments(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
