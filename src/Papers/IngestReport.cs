namespace Paperboy.Papers;

public sealed record IngestReport(string Source, PaperFormat Format, int Read, UpsertCounts Stored, IReadOnlyList<ReadProblem> Problems);
