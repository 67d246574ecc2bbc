using System.Diagnostics;
using Paperboy.Recommender;

namespace Paperboy.Bench;

internal sealed record ScaleRun(int Subscribers, int Papers, TimeSpan Elapsed, TimeSpan Cpu, long Checksum)
{
    public double PairsPerSecond => (double)Subscribers * Papers / Elapsed.TotalSeconds;

    public string Describe(string name) =>
        $"{name}: {Subscribers:N0} subscribers in {Elapsed.TotalSeconds:F1} s = {PairsPerSecond / 1e6:F2} M subscriber-papers/s " +
        $"(projected for 1,000,000: {1_000_000.0 * Papers / PairsPerSecond:F0} s); CPU {Cpu.TotalSeconds:F1} s, " +
        $"so {Cpu.TotalSeconds / Environment.ProcessorCount * 1_000_000 / Subscribers:F0} s for 1,000,000 on {Environment.ProcessorCount} otherwise idle cores; checksum {Checksum}";

    private static TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The production path: <see cref="PaperRanker"/> per subscriber, subscribers spread over the cores.</summary>
    public static ScaleRun Ranker(DayCorpus day, int subscribers)
    {
        var options = new RankingOptions();
        var top = new int[subscribers * options.Count];
        TimeSpan cpu = CpuNow();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, subscribers, n =>
        {
            IReadOnlyList<Recommendation> result = PaperRanker.Rank(day.Index, day.Profile(n), options);
            for (int i = 0; i < result.Count; i++)
            {
                top[(n * options.Count) + i] = (int)result[i].Paper.Id;
            }
        });
        clock.Stop();
        return new ScaleRun(subscribers, day.Papers.Count, clock.Elapsed, CpuNow() - cpu, top.Sum(t => (long)t));
    }

    /// <summary>
    /// The baseline: for every subscriber and every paper, analyse the paper's text again, check each keyword
    /// and compare with each liked paper's words, then sort all papers. Same cores, same profiles.
    /// </summary>
    public static ScaleRun Naive(DayCorpus day, int subscribers)
    {
        long checksum = 0;
        TimeSpan cpu = CpuNow();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, subscribers, () => 0L, (n, _, sum) =>
        {
            InterestProfile profile = day.Profile(n);
            List<string>[] likedTerms = [.. profile.Liked.Select(id => TextAnalyzer.Terms(day.Papers[(int)id - 1].Title))];
            var scores = new List<(double Score, long Id)>(day.Papers.Count);
            foreach (Paperboy.Papers.Paper paper in day.Papers)
            {
                if (profile.Liked.Contains(paper.Id))
                {
                    continue;
                }

                List<string> terms = TextAnalyzer.Terms(paper.Title + " " + paper.Abstract);
                double score = 0;
                foreach (string keyword in profile.Keywords)
                {
                    List<string> words = TextAnalyzer.Terms(keyword);
                    if (words.All(terms.Contains))
                    {
                        score += words.Count;
                    }
                }

                foreach (List<string> liked in likedTerms)
                {
                    score += 0.1 * liked.Count(terms.Contains);
                }

                if (score > 0)
                {
                    scores.Add((score, paper.Id));
                }
            }

            return sum + scores.OrderByDescending(s => s.Score).ThenBy(s => s.Id).Take(10).Sum(s => s.Id);
        }, sum => Interlocked.Add(ref checksum, sum));
        clock.Stop();
        return new ScaleRun(subscribers, day.Papers.Count, clock.Elapsed, CpuNow() - cpu, checksum);
    }
}
