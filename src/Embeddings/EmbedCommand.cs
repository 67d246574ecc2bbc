using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Paperboy.Hosting;
using Paperboy.Papers;

namespace Paperboy.Embeddings;

/// <summary><c>papers embed</c>: embeds every stored paper that has no vector yet, now (the service does it in the background).</summary>
public static class EmbedCommand
{
    public static Command Create(IServiceProvider services)
    {
        var embed = new Command("embed", "Compute the sentence embedding of every stored paper that has none yet (the service does this by itself).");
        CliAction.Set(embed, services, async (_, console, ct) =>
        {
            PaperEmbeddingStore store = services.GetRequiredService<PaperEmbeddingStore>();
            int total = await services.GetRequiredService<PaperStore>().CountAsync(ct) - (int)await store.CountAsync(MiniLmEmbedder.ModelName, ct);
            var progress = new ConsoleProgress(console.Error, "papers embed");
            long started = Stopwatch.GetTimestamp();
            int done = await services.GetRequiredService<PaperEmbedder>().EmbedPendingAsync(
                n => progress.Report(new IngestProgress(0, 0, n) { Stage = IngestStage.Embedding, TotalPapers = Math.Max(total, n) }), ct);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            long stored = await store.CountAsync(MiniLmEmbedder.ModelName, ct);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Counted.Of(done, "paper")} embedded with {MiniLmEmbedder.ModelName} in {seconds:0.0} s ({done / Math.Max(seconds, 1e-3):0.0}/s); {stored} papers have a vector"));
            return ExitCodes.Success;
        });
        return embed;
    }
}
