namespace Paperboy.Papers;

/// <summary>
/// What storing a batch of papers did: new rows, changed rows, papers already stored as they were, and
/// papers that stood in the batch more than once (the last copy counts).
/// </summary>
public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged, int Duplicates)
{
    /// <summary>Papers added, or whose text (title, abstract, authors, version) changed; not popularity-only updates.</summary>
    public IReadOnlyList<long> NewOrChangedIds { get; init; } = [];
}
