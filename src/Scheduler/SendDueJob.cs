using Quartz;

namespace Paperboy.Scheduler;

/// <summary>The Quartz job: thin on purpose, all the work is in <see cref="DigestRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class SendDueJob(DigestRunner runner) : IJob
{
    public const string TriggerName = "send-due-every-interval";

    public static readonly JobKey Key = new("send-due");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunDueAsync(cancellationToken);
}
