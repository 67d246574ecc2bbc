using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Paperboy.Subscribers;

namespace Paperboy.Feeds;

/// <summary>
/// Fetches from the arXiv API the papers subscribers named at sign-up that the catalog does not have, stores
/// them like any feed's papers (embedded, deduplicated), and turns them into the subscribers' "liked" papers.
/// </summary>
public sealed partial class WantedPaperFetcher(
    WantedPaperStore wanted, FeedFetcher fetcher, IOptions<FeedsOptions> options, ILogger<WantedPaperFetcher> logger)
{
    /// <summary>Ids per request: the arXiv API takes a list, and one polite request beats many.</summary>
    public const int BatchSize = 50;

    private const string SourceName = "arxiv-api (papers subscribers liked)";

    /// <summary>One batch: how many of the wanted papers became liked, and the keys given up on (never found).</summary>
    public async Task<WantedPapersReport> FetchAsync(CancellationToken cancellationToken)
    {
        // Papers a feed or an ingest brought since the last run need no request.
        int liked = await wanted.ResolveAsync(cancellationToken);
        IReadOnlyList<string> keys = await wanted.WantedAsync(BatchSize, cancellationToken);
        if (keys.Count == 0 || options.Value.ArxivApiUrl.Length == 0)
        {
            return new WantedPapersReport(liked, 0, [], null);
        }

        IngestReport report = await AskAsync(keys, cancellationToken);
        var refusals = new List<string>();
        if (Refused(report) && keys.Count > 1)
        {
            // The API refuses a whole list for one id it cannot parse (an old-style id of an archive that does
            // not exist): ask for each alone, so that a bad id costs only itself.
            foreach (string key in keys)
            {
                report = await AskAsync([key], cancellationToken);
                if (Transient(report))
                {
                    break;
                }

                AddRefusal(refusals, key, report);
            }
        }
        else
        {
            AddRefusal(refusals, keys[0], report);
        }

        liked += await wanted.ResolveAsync(cancellationToken);
        if (Transient(report))
        {
            // Down or unreachable: that says nothing about the ids, so no try is counted against them.
            return new WantedPapersReport(liked, keys.Count, [], report.Error);
        }

        // The keys that arrived have left the table above, so this counts a try against the others only.
        IReadOnlyList<string> givenUp = await wanted.MissedAsync(keys, cancellationToken);
        foreach (string key in givenUp)
        {
            LogGivenUp(key, WantedPaperStore.MaxAttempts);
        }

        return new WantedPapersReport(liked, keys.Count, givenUp, null) { Refusals = refusals };
    }

    // The API said no to the query itself (a 4xx, its error entry, an answer that is no feed): the operator hears of it.
    // An empty result is not among them: it only means the API has no such paper, which the tries count.
    private static void AddRefusal(List<string> refusals, string key, IngestReport report)
    {
        if (!Refused(report) || report.Error is null && report.Problems.All(ArxivAtomReader.IsEmptyResult))
        {
            return;
        }

        string reason = report.HttpStatus is not null
            ? $"the arXiv API answered {report.Error}"
            : report.Error ?? string.Join("; ", report.Problems.Select(p => p.Message));
        refusals.Add($"{key}: {reason}");
    }

    private Task<IngestReport> AskAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        // Keys come from PaperIdentity's arXiv pattern (digits, letters, '.', '-', '/'), which a query may carry as they are.
        string ids = string.Join(',', keys.Select(k => PaperIdentity.ArxivIdOfKey(k)));
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{options.Value.ArxivApiUrl}?id_list={ids}&max_results={keys.Count}"));
        return fetcher.FetchAsync(SourceName, url, PaperFormat.ArxivApi, cancellationToken);
    }

    // The API answered, and said no to the request itself: a 4xx (it sends 400 for an id it cannot parse), or an error entry.
    private static bool Refused(IngestReport report) =>
        report.HttpStatus is >= 400 and < 500 and not (408 or 429) || report.Failed && report.Error is null;

    private static bool Transient(IngestReport report) => report.Error is not null && !Refused(report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Paper}, named as liked at sign-up, was not found by the arXiv API in {Attempts} tries: given up")]
    private partial void LogGivenUp(string paper, int attempts);
}
