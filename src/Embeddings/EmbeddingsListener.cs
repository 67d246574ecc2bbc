using Paperboy.Papers;

namespace Paperboy.Embeddings;

/// <summary>
/// After each store: drops the vectors of papers whose text changed (so they are embedded again) and wakes
/// the embedder when the service runs one. A command-line ingest has no embedder running; the service
/// embeds those papers when it starts, or <c>papers embed</c> does it at once.
/// </summary>
public sealed class EmbeddingsListener(PaperEmbeddingStore store, EmbeddingWorker? worker = null) : IPapersStoredListener
{
    public async Task OnStoredAsync(IReadOnlyList<long> newOrChangedPaperIds, CancellationToken cancellationToken)
    {
        await store.ForgetStaleAsync(newOrChangedPaperIds, cancellationToken);
        worker?.Signal();
    }
}
