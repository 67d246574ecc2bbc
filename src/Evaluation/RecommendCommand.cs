using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Paperboy.Hosting;
using Paperboy.Papers;
using Paperboy.Recommender;

namespace Paperboy.Evaluation;

/// <summary>
/// <c>recommend --papers P --profiles Q --top K</c>: the offline evaluation contract. Needs no database:
/// reads two JSONL files, prints one <c>{"id", "papers"}</c> line per profile on stdout, progress on stderr.
/// </summary>
public static class RecommendCommand
{
    public static Command Create(IServiceProvider services)
    {
        _ = services;
        var papers = new Option<string>("--papers") { Description = "JSONL papers: {id, title, abstract[, published, upvotes]}.", Required = true };
        var profiles = new Option<string>("--profiles") { Description = "JSONL profiles: {id, keywords[], liked[], disliked[]}.", Required = true };
        var top = new Option<int>("--top") { Description = "How many papers per profile.", DefaultValueFactory = _ => 10 };
        var diversity = new Option<double>("--diversity") { Description = "MMR trade-off, 1 = relevance only.", DefaultValueFactory = _ => new RankingOptions().Diversity };
        var command = new Command("recommend", "Rank papers for profiles from files (offline evaluation; no database).") { papers, profiles, top, diversity };
        command.SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                int k = parse.GetValue(top);
                if (k is < 1 or > 1000)
                {
                    throw new PaperboyException("--top must be between 1 and 1000");
                }

                var options = new RankingOptions { Count = k, MinRelevance = 0, Diversity = parse.GetValue(diversity) };
                await RunAsync(parse.GetRequiredValue(papers), parse.GetRequiredValue(profiles), options, output, error, ct);
                return ExitCodes.Success;
            }
            catch (PaperboyException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Error;
            }
        });
        return command;
    }

    public static async Task RunAsync(
        string papersPath, string profilesPath, RankingOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var clock = Stopwatch.StartNew();
        List<Paper> papers = EvalFiles.ReadPapers(papersPath);
        List<EvalProfile> profiles = EvalFiles.ReadProfiles(profilesPath);
        await error.WriteLineAsync($"read {papers.Count} papers and {profiles.Count} profiles ({clock.Elapsed.TotalSeconds:F1} s)");

        var index = new PaperIndex(papers, new RecommenderOptions().TitleWeight);
        await error.WriteLineAsync($"indexed ({clock.Elapsed.TotalSeconds:F1} s)");

        var idByKey = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Paper paper in papers)
        {
            idByKey.TryAdd(paper.Key, paper.Id);
        }

        var lines = new string[profiles.Count];
        int unknown = 0;
        Parallel.For(0, profiles.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            EvalProfile p = profiles[i];
            long[] liked = Resolve(p.Liked);
            long[] disliked = Resolve(p.Disliked);
            var profile = new InterestProfile(p.Keywords, new HashSet<long>()) { Liked = liked, Disliked = disliked };
            IReadOnlyList<Recommendation> ranked = PaperRanker.Rank(index, profile, options);
            lines[i] = JsonSerializer.Serialize(new EvalRun(p.Id, [.. ranked.Select(r => r.Paper.Key)]), EvalJson.Default.EvalRun);
        });

        long[] Resolve(IReadOnlyList<string> keys)
        {
            var ids = new List<long>(keys.Count);
            foreach (string key in keys)
            {
                if (idByKey.TryGetValue(key, out long id))
                {
                    ids.Add(id);
                }
                else
                {
                    Interlocked.Increment(ref unknown);
                }
            }

            return [.. ids];
        }

        foreach (string line in lines)
        {
            await output.WriteLineAsync(line);
        }

        if (unknown > 0)
        {
            await error.WriteLineAsync($"warning: {unknown} liked/disliked ids are not in the papers file and were ignored");
        }

        await error.WriteLineAsync($"ranked {profiles.Count} profiles ({clock.Elapsed.TotalSeconds:F1} s)");
    }
}
