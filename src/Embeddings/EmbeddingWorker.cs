using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Paperboy.Embeddings;

/// <summary>
/// Runs <see cref="PaperEmbedder"/> in the service: at start, whenever papers are stored (signalled by
/// <see cref="EmbeddingsListener"/>) and every <see cref="EmbeddingsOptions.PollInterval"/>. It runs beside
/// the ingest, never inside it, so a large import is stored at full speed and embedded as it goes.
/// </summary>
public sealed partial class EmbeddingWorker(PaperEmbedder embedder, IOptions<EmbeddingsOptions> options, ILogger<EmbeddingWorker> logger) : BackgroundService
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a pass; signals arriving during one collapse into one more.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (the migrations run before this, as an earlier hosted service).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await embedder.EmbedPendingAsync(null, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next signal or poll tries again; the papers keep their lexical ranking meanwhile.
                LogFailed(ex);
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(options.Value.PollInterval);
            try
            {
                await _signals.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a signal.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding papers failed; the next pass will try again")]
    private partial void LogFailed(Exception exception);
}
