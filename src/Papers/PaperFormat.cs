namespace Paperboy.Papers;

public enum PaperFormat
{
    /// <summary>Detect from the content (and a file's name).</summary>
    Auto,

    /// <summary>The sample corpus: title line, abstract line.</summary>
    Sample,

    /// <summary>One JSON object a line (Paperboy's own format).</summary>
    Jsonl,

    /// <summary>Hugging Face's daily papers API: a JSON array.</summary>
    HuggingFace,

    /// <summary>The arXiv API's Atom responses.</summary>
    ArxivApi,

    /// <summary>arXiv's RSS 2.0 feeds.</summary>
    ArxivRss,

    /// <summary>The Kaggle arXiv metadata snapshot: one JSON object a line.</summary>
    Kaggle,
}
