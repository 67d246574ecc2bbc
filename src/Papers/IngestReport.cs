namespace Paperboy.Papers;

public sealed record IngestReport(string Source, PaperFormat Format, int Read, UpsertCounts Stored, IReadOnlyList<ReadProblem> Problems)
{
    /// <summary>The source answered 304 Not Modified: nothing was read or stored.</summary>
    public bool NotModified { get; init; }

    /// <summary>The HTTP status of a fetch the server answered with an error status, else null.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Why the source as a whole could not be used (unreachable, an HTTP error, too big), if it could not.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// A feed document as a whole was unusable (an error page, an API error, an empty result, garbage) and nothing
    /// was read; in the line-by-line formats a bad line is only a skipped record.
    /// </summary>
    public bool Failed => Error is not null || Read == 0 && Problems.Count > 0 && Format is not (PaperFormat.Sample or PaperFormat.Jsonl or PaperFormat.Kaggle);
}
