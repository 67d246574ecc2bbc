namespace Paperboy.Papers;

public enum PaperFormat
{
    /// <summary>Detect from the file's name and first characters.</summary>
    Auto,

    /// <summary>The sample corpus: title line, abstract line.</summary>
    Sample,

    /// <summary>One JSON object a line.</summary>
    Jsonl,
}
