namespace Paperboy.Feeds;

/// <summary>What one run of <see cref="WantedPaperFetcher"/> did.</summary>
/// <param name="Liked">Wanted papers that became liked papers (already in the catalog, or fetched now).</param>
/// <param name="Asked">Papers asked of the arXiv API (0 when nothing was wanted).</param>
/// <param name="GivenUp">Keys the API did not know after the last allowed try.</param>
/// <param name="Error">Why the request failed as a whole, if it did (nothing is counted against the ids then).</param>
public sealed record WantedPapersReport(int Liked, int Asked, IReadOnlyList<string> GivenUp, string? Error)
{
    /// <summary>
    /// Each key the API refused to be asked about, with what it answered (a 4xx, its error entry): the key keeps its
    /// try counted, and the run is not a success.
    /// </summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];
}
