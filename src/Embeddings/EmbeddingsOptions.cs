using System.ComponentModel.DataAnnotations;

namespace Paperboy.Embeddings;

/// <summary>The background embedder that gives every stored paper its sentence embedding once.</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "Embeddings";

    /// <summary>
    /// Whether the service embeds new papers (all-MiniLM-L6-v2, both cores). Off: no model is loaded and the
    /// ranking uses the vectors already stored, if any, and the lexical signals for every other paper.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Papers read, embedded and written per round (one transaction each).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Model sessions run side by side, one thread each; 0 = one per processor.</summary>
    [Range(0, 64)]
    public int Workers { get; set; }

    /// <summary>The ranking loads the vectors of papers stored within this many days (and of every liked or disliked paper).</summary>
    [Range(1, 36_500)]
    public int RankingDays { get; set; } = 30;

    /// <summary>How often the embedder looks for papers without a vector when nothing signalled it (a safety net).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(10);
}
