using System.CommandLine;
using Paperboy.Embeddings;
using Paperboy.Feeds;
using Paperboy.Hosting;
using Paperboy.Subscribers;

namespace Paperboy.Papers;

public static class PapersCommands
{
    public static Command Create(IServiceProvider services)
    {
        var path = new Argument<string>("URL|PATH") { Description = "A feed's http(s) address, or a file of papers in any supported format." };
        var format = new Option<PaperFormat>("--format")
        {
            Description = "The format: sample, jsonl, huggingface, arxivapi, arxivrss or kaggle; detected from the content when not given.",
            DefaultValueFactory = _ => PaperFormat.Auto,
        };
        var ingest = new Command("ingest", "Add the papers in a file or at a URL to the catalog (papers already there are updated, not duplicated).") { path, format };
        CliAction.Set(ingest, services, async (parse, console, ct) =>
        {
            string target = parse.GetRequiredValue(path);
            Uri? feed = HttpUrl.TryParse(target, out Uri? url) ? url : null;
            IngestReport report = feed is not null
                ? await services.GetRequiredService<FeedFetcher>().FetchAsync(feed.ToString(), feed, parse.GetValue(format), new ConsoleProgress(console.Error, target), ct)
                : await services.GetRequiredService<PaperIngestor>().IngestFileAsync(target, parse.GetValue(format), new ConsoleProgress(console.Error, target), ct);
            return await PrintAsync(report, feed is not null ? IngestOrigin.Feed : IngestOrigin.File, console);
        });

        var fetchWanted = new Command(
            "fetch-wanted",
            $"Fetch from the arXiv API up to {WantedPaperFetcher.BatchSize} of the papers subscribers named as liked at sign-up that the catalog lacks (the service does this every Feeds:WantedPapersInterval).");
        CliAction.Set(fetchWanted, services, async (_, console, ct) =>
        {
            WantedPapersReport report = await services.GetRequiredService<WantedPaperFetcher>().FetchAsync(ct);
            if (report.Error is not null)
            {
                await console.Error.WriteLineAsync($"error: the arXiv API: {report.Error}");
                return ExitCodes.Error;
            }

            foreach (string key in report.GivenUp)
            {
                await console.Error.WriteLineAsync($"{key}: not found by the arXiv API in {WantedPaperStore.MaxAttempts} tries, given up");
            }

            foreach (string refusal in report.Refusals)
            {
                await console.Error.WriteLineAsync($"error: {refusal}");
            }

            await console.Out.WriteLineAsync($"{report.Asked} paper(s) asked of the arXiv API; {report.Liked} liked paper(s) added to their subscribers' profiles");
            // A refused id among fetched ones is a skipped record (3); nothing but refusals is a failed run (1).
            return report.Refusals.Count == 0 ? ExitCodes.Success
                : report.Refusals.Count < report.Asked ? ExitCodes.Partial
                : ExitCodes.Error;
        });

        return new Command("papers", "Manage the paper catalog.") { ingest, fetchWanted, EmbedCommand.Create(services) };
    }

    /// <summary>
    /// The outcome of one ingest on the console: the summary on stdout, skipped records and a warning about a
    /// source with no papers at all on stderr; returns the exit code.
    /// </summary>
    public static async Task<int> PrintAsync(IngestReport report, IngestOrigin origin, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        if (report.NotModified)
        {
            await console.Out.WriteLineAsync($"{report.Source}: not modified since the last fetch, nothing to do");
            return ExitCodes.Success;
        }

        if (report.Failed)
        {
            await console.Error.WriteLineAsync($"error: {report.Source}: {report.Error ?? string.Join("; ", report.Problems)}");
            return ExitCodes.Error;
        }

        foreach (ReadProblem problem in report.Problems)
        {
            await console.Error.WriteLineAsync($"{report.Source}: skipped {problem}");
        }

        // An empty file is not an error (a nightly export may be empty), but a silent success hides a wrong path or
        // a truncated download; a file of only bad records has already said why above.
        if (origin == IngestOrigin.File && report.Read == 0 && report.Problems.Count == 0)
        {
            await console.Error.WriteLineAsync($"warning: {report.Source} holds no papers");
        }

        string where = origin == IngestOrigin.Feed ? "the feed" : "the file";
        await console.Out.WriteLineAsync(
            $"{report.Source} ({report.Format.ToString().ToLowerInvariant()}): {Counted.Of(report.Read, "paper")} read, {report.Stored.Inserted} new, " +
            $"{report.Stored.Updated} updated, {report.Stored.Unchanged} already stored, " +
            $"{Counted.Of(report.Stored.Duplicates, "duplicate")} in {where}, {report.Problems.Count} skipped");
        return report.Problems.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
    }
}
