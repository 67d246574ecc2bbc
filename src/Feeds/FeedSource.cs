using Paperboy.Papers;

namespace Paperboy.Feeds;

/// <summary>One configured feed (<c>Feeds:Sources:N</c>): what it is, where, and how often it is fetched.</summary>
public sealed class FeedSource
{
    /// <summary>Names the source in logs, in the catalog's <c>source</c> column and in the scheduler.</summary>
    public string Name { get; set; } = "";

    /// <summary>The format; <c>Auto</c> detects it from each response.</summary>
    public PaperFormat Kind { get; set; } = PaperFormat.Auto;

    public string Url { get; set; } = "";

    /// <summary>Time between fetches (ignored when <see cref="Cron"/> is set).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A Quartz cron expression (UTC), for sources published at a fixed time of day.</summary>
    public string? Cron { get; set; }
}
