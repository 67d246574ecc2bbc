using Quartz;

namespace Paperboy.Feeds;

/// <summary>Thin on purpose: the work is in <see cref="WantedPaperFetcher"/>.</summary>
[DisallowConcurrentExecution]
public sealed class FetchWantedPapersJob(WantedPaperFetcher fetcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await fetcher.FetchAsync(cancellationToken);
}
