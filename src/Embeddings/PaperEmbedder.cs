using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Paperboy.Embeddings;

/// <summary>
/// Gives every stored paper without a vector its all-MiniLM-L6-v2 embedding, newest first, a batch at a time:
/// each batch is split over <see cref="EmbeddingsOptions.Workers"/> single-threaded model sessions, then
/// written in one transaction. The sessions are loaded on the first batch and freed when nothing is left,
/// so an idle service holds no model.
/// </summary>
public sealed partial class PaperEmbedder(PaperEmbeddingStore store, IOptions<EmbeddingsOptions> options, ILogger<PaperEmbedder> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Embeds until no paper is left without a vector; returns how many were embedded.</summary>
    public async Task<int> EmbedPendingAsync(Action<int>? progress, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        MiniLmEmbedder[] models = [];
        try
        {
            int done = 0;
            long started = Stopwatch.GetTimestamp();
            while (true)
            {
                IReadOnlyList<PendingPaper> batch = await store.PendingAsync(MiniLmEmbedder.ModelName, options.Value.BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                if (models.Length == 0)
                {
                    int workers = options.Value.Workers > 0 ? options.Value.Workers : Environment.ProcessorCount;
                    models = await Task.Run(() => Enumerable.Range(0, workers).Select(_ => new MiniLmEmbedder(threads: 1)).ToArray(), cancellationToken);
                }

                string[] texts = [.. batch.Select(p => p.Text)];
                float[][] vectors = await Task.Run(() => Embed(models, texts, cancellationToken), cancellationToken);
                await store.SaveAsync(
                    MiniLmEmbedder.ModelName,
                    [.. batch.Select((p, i) => (p.Id, PaperEmbeddingStore.TextHash(texts[i]), vectors[i]))],
                    cancellationToken);
                done += batch.Count;
                progress?.Invoke(done);
            }

            if (done > 0)
            {
                TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
                LogEmbedded(done, elapsed);
            }

            return done;
        }
        finally
        {
            foreach (MiniLmEmbedder model in models)
            {
                model.Dispose();
            }

            _oneAtATime.Release();
        }
    }

    /// <summary>One share of the texts per session (every n-th text, so each share has all lengths), run side by side.</summary>
    private static float[][] Embed(MiniLmEmbedder[] models, string[] texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Length][];
        int workers = Math.Min(models.Length, texts.Length);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, w =>
        {
            int[] mine = [.. Enumerable.Range(0, texts.Length).Where(i => i % workers == w)];
            float[][] part = models[w].Embed([.. mine.Select(i => texts[i])], cancellationToken: cancellationToken);
            for (int j = 0; j < mine.Length; j++)
            {
                result[mine[j]] = part[j];
            }
        });
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} papers in {Elapsed}")]
    private partial void LogEmbedded(int count, TimeSpan elapsed);
}
