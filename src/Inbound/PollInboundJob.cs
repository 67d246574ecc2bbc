using Paperboy.Hosting;
using Quartz;

namespace Paperboy.Inbound;

/// <summary>The Quartz job: thin on purpose, all the work is in <see cref="InboundPoller"/>.</summary>
[DisallowConcurrentExecution]
public sealed class PollInboundJob(InboundPoller poller) : IJob
{
    public const string TriggerName = "inbound-poll-every-interval";

    public static readonly JobKey Key = new("inbound-poll");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await poller.PollAsync(cancellationToken);
        }
        catch (PaperboyException)
        {
            // The poller logged why the mailbox could not be read; the next interval tries again.
        }
    }
}
