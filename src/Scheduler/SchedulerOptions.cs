using System.ComponentModel.DataAnnotations;

namespace Paperboy.Scheduler;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often the service looks for digests that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The local weekday weekly digests go out on.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    /// <summary>Instant alerts one subscriber gets at most per local day; more good papers wait for the daily digest.</summary>
    [Range(0, 24)]
    public int MaxAlertsPerDay { get; set; } = 3;

    /// <summary>
    /// Due subscribers planned together: ranked and rendered in parallel and written in one transaction. Larger
    /// batches mean fewer disk syncs but more rendered mail held in memory and a longer wait for the first send.
    /// </summary>
    [Range(1, 5000)]
    public int PlanBatchSize { get; set; } = 200;

    /// <summary>
    /// How long a node's claim on a batch of due subscribers keeps other nodes away from it. A batch normally ends
    /// (and frees its lease) in well under a second; a node that died holds its batch this long, then another node
    /// plans it. Too short only wastes work: a digest is still stored at most once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PlanLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// On PostgreSQL, how often each node looks whether a send-due run was announced by the node Quartz fired it
    /// on, to join it. One single-row read per node per poll.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ClusterPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a sent message's stored MIME is kept (to look at, or to compare with a complaint); after that
    /// each run empties it and keeps the row and the send log. About 15 KB per digest.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan KeepSentMessages { get; set; } = TimeSpan.FromDays(14);
}
