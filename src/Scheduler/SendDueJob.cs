using Quartz;

namespace Paperboy.Scheduler;

/// <summary>The Quartz job: thin on purpose, all the work is in <see cref="DigestRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class SendDueJob(SendDueAnnouncement announcement, DigestRunner runner) : IJob
{
    public const string TriggerName = "send-due-every-interval";

    public static readonly JobKey Key = new("send-due");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The other nodes of a PostgreSQL cluster join this run (ClusterParticipant); Quartz fired it here only.
        await announcement.AnnounceAsync(cancellationToken);
        await runner.RunDueAsync(cancellationToken);
    }
}
