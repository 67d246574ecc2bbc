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
                float[][] vectors = await Task.Run(
                    () => PaperEmbeddings.Striped(models.Length, texts, (w, share) => models[w].Embed(share, cancellationToken: cancellationToken), cancellationToken),
                    cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} papers in {Elapsed}")]
    private partial void LogEmbedded(int count, TimeSpan elapsed);
}
