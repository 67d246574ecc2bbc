using Microsoft.Extensions.Options;

namespace Paperboy.Scheduler;

/// <summary>
/// On PostgreSQL, makes every node take part in each send-due run, not only the node Quartz fired it on: it polls
/// the <see cref="SendDueAnnouncement"/> every <see cref="SchedulerOptions.ClusterPoll"/> and, when a new run was
/// announced, runs <see cref="DigestRunner"/> here too. Plan leases divide the planning, outbox claims the sending.
/// </summary>
public sealed partial class ClusterParticipant(
    SendDueAnnouncement announcement,
    DigestRunner runner,
    IOptions<SchedulerOptions> scheduler,
    TimeProvider time,
    ILogger<ClusterParticipant> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The announcement seen at start counts as new: a node started during a run joins it.
        string? joined = null;
        using var timer = new PeriodicTimer(scheduler.Value.ClusterPoll, time);
        do
        {
            try
            {
                string? latest = await announcement.LatestAsync(stoppingToken);
                if (latest is not null && latest != joined && latest != announcement.Own)
                {
                    joined = latest;
                    LogJoining(latest);
                    RunReport report = await runner.RunDueAsync(stoppingToken);
                    int planned = report.Plans.Count(p => p.OutboxId is not null);
                    LogJoined(planned, report.Deliveries.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next announcement (or Quartz's next firing here) tries again.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Joining the send-due run announced at {Announcement}")]
    private partial void LogJoining(string announcement);

    [LoggerMessage(Level = LogLevel.Information, Message = "Send-due run joined: {Planned} digest(s) planned and {Delivered} message(s) handled by this node")]
    private partial void LogJoined(int planned, int delivered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Taking part in the announced send-due run failed")]
    private partial void LogFailed(Exception exception);
}
