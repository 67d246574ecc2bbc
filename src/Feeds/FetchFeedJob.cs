using Quartz;

namespace Paperboy.Feeds;

/// <summary>The Quartz job of one feed source: thin on purpose, all the work is in <see cref="FeedFetcher"/>.</summary>
[DisallowConcurrentExecution]
public sealed class FetchFeedJob(FeedFetcher fetcher) : IJob
{
    public const string SourceKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await fetcher.FetchSourceAsync(context.MergedJobDataMap.GetString(SourceKey)!, cancellationToken);
}
