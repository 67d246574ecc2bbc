using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Papers;

public static class PapersCommands
{
    public static Command Create(IServiceProvider services)
    {
        var path = new Argument<string>("PATH") { Description = "A file of papers: the sample corpus format or JSONL." };
        var format = new Option<PaperFormat>("--format") { Description = "The file's format; detected when not given.", DefaultValueFactory = _ => PaperFormat.Auto };
        var ingest = new Command("ingest", "Add the papers in a file to the catalog (papers already there are updated, not duplicated).") { path, format };
        CliAction.Set(ingest, services, async (parse, console, ct) =>
        {
            IngestReport report = await services.GetRequiredService<PaperIngestor>()
                .IngestFileAsync(parse.GetRequiredValue(path), parse.GetValue(format), ct);
            return await PrintAsync(report, console);
        });

        return new Command("papers", "Manage the paper catalog.") { ingest };
    }

    public static async Task<int> PrintAsync(IngestReport report, CliConsole console)
    {
        foreach (ReadProblem problem in report.Problems)
        {
            await console.Error.WriteLineAsync($"{report.Source}: skipped {problem}");
        }

        await console.Out.WriteLineAsync(
            $"{report.Source} ({report.Format.ToString().ToLowerInvariant()}): {report.Read} papers read, {report.Stored.Inserted} new, " +
            $"{report.Stored.Updated} updated, {report.Stored.Unchanged} already stored, {report.Stored.Duplicates} duplicate(s) in the file, " +
            $"{report.Problems.Count} skipped");
        return report.Problems.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
    }
}
