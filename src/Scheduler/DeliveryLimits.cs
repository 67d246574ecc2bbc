using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Paperboy.Scheduler;

/// <summary>
/// The send rate: a per-second pace and an hourly cap kept in the database by <see cref="OutboxStore.ClaimBatchAsync"/>,
/// so it survives restarts. The pace is a token bucket in this process (shared by every connection), or on PostgreSQL,
/// where several nodes send, the <see cref="SharedPace"/> in the database that all nodes take their turns from.
/// </summary>
public sealed class DeliveryLimits : IDisposable
{
    /// <summary>SMTP defaults: a pace and a volume a shared relay or a mail provider accepts from one sender.</summary>
    public const int SmtpPerSecond = 20;

    public const int SmtpPerHour = 20_000;

    private readonly TokenBucketRateLimiter? _pace;
    private readonly SharedPace? _shared;

    public DeliveryLimits(IOptions<MailOptions> mail, IOptions<RateLimitOptions> limits, SharedPace? shared = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(limits);
        bool smtp = mail.Value.Transport == MailTransportKind.Smtp;
        PerSecond = limits.Value.PerSecond ?? (smtp ? SmtpPerSecond : 0);
        PerHour = limits.Value.PerHour ?? (smtp ? SmtpPerHour : 0);
        if (PerSecond > 0 && shared is not null)
        {
            _shared = shared;
        }
        else if (PerSecond > 0)
        {
            _pace = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = PerSecond,
                TokensPerPeriod = PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>0 = unlimited.</summary>
    public int PerSecond { get; }

    /// <summary>0 = unlimited.</summary>
    public int PerHour { get; }

    /// <summary>Waits until the per-second pace allows one more message.</summary>
    public async ValueTask WaitForTurnAsync(CancellationToken cancellationToken)
    {
        if (_shared is not null)
        {
            await _shared.WaitForSlotAsync(PerSecond, cancellationToken);
            return;
        }

        if (_pace is null)
        {
            return;
        }

        // The permit is a slot in time, not a resource to give back: disposing the lease returns nothing.
        using RateLimitLease lease = await _pace.AcquireAsync(1, cancellationToken);
    }

    public void Dispose() => _pace?.Dispose();
}
