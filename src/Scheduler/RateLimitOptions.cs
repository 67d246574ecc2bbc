using System.ComponentModel.DataAnnotations;

namespace Paperboy.Scheduler;

/// <summary>
/// How fast the outbox is sent. Unset values take the transport's default (see <see cref="DeliveryLimits"/>);
/// 0 means unlimited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Mail:RateLimit";

    /// <summary>Messages per second across all connections of this process (SQLite), or of all nodes together (PostgreSQL).</summary>
    [Range(0, 100_000)]
    public int? PerSecond { get; set; }

    /// <summary>Messages handed to the transport in any rolling hour, counted in the database (all processes, all runs).</summary>
    [Range(0, 100_000_000)]
    public int? PerHour { get; set; }
}
