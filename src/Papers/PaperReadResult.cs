namespace Paperboy.Papers;

public sealed record PaperReadResult(IReadOnlyList<IncomingPaper> Papers, IReadOnlyList<ReadProblem> Problems);
