namespace Paperboy.Subscribers;

/// <summary>A paper on the subscriber's liked list: in the catalog (<see cref="PaperId"/>), or still being fetched (<see cref="PaperId"/> null).</summary>
public sealed record ProfilePaper(long? PaperId, string PaperKey, string Title);
