using Paperboy.Papers;

namespace Paperboy.Embeddings;

/// <summary>Embeds papers (title, then abstract) through an optional on-disk cache.</summary>
public static class PaperEmbeddings
{
    public static string TextOf(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return TextOf(paper.Title, paper.Abstract);
    }

    /// <summary>The text embedded for a paper (the stored vectors' text hash is of this).</summary>
    public static string TextOf(string title, string @abstract) =>
        string.IsNullOrEmpty(@abstract) ? title : $"{title}. {@abstract}";

    /// <summary>One vector per paper, in order; only texts missing from <paramref name="cache"/> are embedded.</summary>
    public static float[][] Embed(
        IReadOnlyList<Paper> papers, Func<MiniLmEmbedder> embedder, EmbeddingCache? cache, Action<int, int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(embedder);
        var vectors = new float[papers.Count][];
        var missing = new List<(int Index, string Key, string Text)>();
        for (int i = 0; i < papers.Count; i++)
        {
            string text = TextOf(papers[i]);
            string key = EmbeddingCache.Key(MiniLmEmbedder.ModelName, text);
            if (cache?.Find(key) is { } cached)
            {
                vectors[i] = cached;
            }
            else
            {
                missing.Add((i, key, text));
            }
        }

        if (missing.Count > 0)
        {
            // One single-threaded model per core beats one model with several threads on small batches.
            int workers = Math.Clamp(Math.Min(Environment.ProcessorCount, missing.Count / 64), 1, 4);
            int done = 0;
            float[][] computed = Striped(workers, [.. missing.Select(m => m.Text)], (w, texts) =>
            {
                using MiniLmEmbedder model = embedder();
                int reported = 0;
                return model.Embed(texts, n =>
                {
                    int total = Interlocked.Add(ref done, n - reported);
                    reported = n;
                    progress?.Invoke(total, missing.Count);
                }, ct);
            }, ct);
            for (int j = 0; j < missing.Count; j++)
            {
                vectors[missing[j].Index] = computed[j];
            }

            cache?.AddRange(missing.Select((m, j) => (m.Key, computed[j])));
        }

        return vectors;
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> in <paramref name="workers"/> shares side by side (every n-th text, so each
    /// share has all lengths); <paramref name="embed"/> gets the share's number and texts. Results keep the input order.
    /// </summary>
    internal static float[][] Striped(int workers, string[] texts, Func<int, string[], float[][]> embed, CancellationToken ct)
    {
        var result = new float[texts.Length][];
        workers = Math.Min(workers, texts.Length);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, w =>
        {
            int[] mine = [.. Enumerable.Range(0, texts.Length).Where(i => i % workers == w)];
            float[][] part = embed(w, [.. mine.Select(i => texts[i])]);
            for (int j = 0; j < mine.Length; j++)
            {
                result[mine[j]] = part[j];
            }
        });
        return result;
    }
}
