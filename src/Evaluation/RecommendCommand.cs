using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Paperboy.Embeddings;
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
        string defaultCache = Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, "data", "embeddings", MiniLmEmbedder.ModelName + ".bin");
        var papers = new Option<string>("--papers") { Description = "JSONL papers: {id, title, abstract[, published, upvotes]}.", Required = true };
        var profiles = new Option<string>("--profiles") { Description = "JSONL profiles: {id, keywords[], liked[], disliked[]}.", Required = true };
        var top = new Option<int>("--top") { Description = "How many papers per profile.", DefaultValueFactory = _ => 10 };
        var diversity = new Option<double>("--diversity") { Description = "MMR trade-off, 1 = relevance only.", DefaultValueFactory = _ => new RankingOptions().Diversity };
        var lexical = new Option<bool>("--lexical") { Description = "Words only: no sentence embeddings (no model is loaded)." };
        var cache = new Option<string>("--embedding-cache") { Description = "File of cached embeddings, keyed by text hash.", DefaultValueFactory = _ => defaultCache };
        // Out-of-range values are command-line errors (exit 2, "Run with --help"), like a value that is not a number.
        top.Require(k => k is >= 1 and <= 1000, "--top must be between 1 and 1000");
        // NaN fails too (it is neither >= 0 nor <= 1): it would rank nothing.
        diversity.Require(d => d is >= 0 and <= 1, "--diversity must be between 0 and 1");
        var command = new Command("recommend", "Rank papers for profiles from files (offline evaluation; no database).") { papers, profiles, top, diversity, lexical, cache };
        command.SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                var options = new RankingOptions { Count = parse.GetValue(top), MinRelevance = 0, Diversity = parse.GetValue(diversity) };
                string? cachePath = parse.GetValue(lexical) ? null : parse.GetRequiredValue(cache);
                await RunAsync(parse.GetRequiredValue(papers), parse.GetRequiredValue(profiles), options, cachePath, output, error, ct);
                return ExitCodes.Success;
            }
            catch (PaperboyException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Error;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file that failed after the checks (a full disk): the operator's to fix, so a line, not a stack.
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Error;
            }
        });
        return command;
    }

    private static EmbeddingCache OpenCache(string path)
    {
        try
        {
            EmbeddingCache.CheckWritable(path);
            return new EmbeddingCache(path, MiniLmEmbedder.Dimensions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PaperboyException($"cannot use the embedding cache {path}: {ex.Message}", ex);
        }
    }

    public static async Task RunAsync(
        string papersPath, string profilesPath, RankingOptions options, string? embeddingCache, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        error = TextWriter.Synchronized(error);
        var clock = Stopwatch.StartNew();
        // Checked first: a cache that cannot be written would otherwise fail after every paper was embedded, losing the work.
        EmbeddingCache? cache = embeddingCache is null ? null : OpenCache(embeddingCache);
        List<Paper> papers = EvalFiles.ReadPapers(papersPath);
        List<EvalProfile> profiles = EvalFiles.ReadProfiles(profilesPath);
        await error.WriteLineAsync($"read {papers.Count} papers and {profiles.Count} profiles ({clock.Elapsed.TotalSeconds:F1} s)");

        float[][]? embeddings = null;
        if (cache is not null)
        {
            int lastReported = 0;
            embeddings = PaperEmbeddings.Embed(papers, () => new MiniLmEmbedder(threads: 1), cache, (done, total) =>
            {
                if (done == total || done - Volatile.Read(ref lastReported) >= 1000)
                {
                    Volatile.Write(ref lastReported, done);
                    error.WriteLine($"embedded {done}/{total} papers ({clock.Elapsed.TotalSeconds:F1} s)");
                }
            }, ct);
            await error.WriteLineAsync($"embeddings ready ({cache.Count} cached in {embeddingCache}; {clock.Elapsed.TotalSeconds:F1} s)");
        }

        var index = new PaperIndex(papers, new RecommenderOptions().TitleWeight, embeddings);
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
            await error.WriteLineAsync($"warning: {unknown} liked/disliked {(unknown == 1 ? "id is" : "ids are")} not in the papers file and {(unknown == 1 ? "was" : "were")} ignored");
        }

        await error.WriteLineAsync($"ranked {profiles.Count} profiles ({clock.Elapsed.TotalSeconds:F1} s)");
    }
}
