using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Paperboy.Scheduler;

/// <summary>Reports the outbox backlog; degraded when mail waits too long or some may not have arrived.</summary>
public sealed class OutboxHealthCheck(OutboxStore outbox, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        OutboxStatus status = await outbox.StatusAsync(cancellationToken);
        var data = new Dictionary<string, object>(status.Counts.ToDictionary(c => c.Key, c => (object)c.Value))
        {
            ["oldestPendingAt"] = status.OldestPendingAt?.ToString("O") ?? "",
        };
        if (status.OldestPendingAt is { } oldest && time.GetUtcNow() - oldest > StaleAfter)
        {
            return HealthCheckResult.Degraded("mail has waited more than an hour to go out", data: data);
        }

        return status.Count("uncertain") > 0
            ? HealthCheckResult.Degraded($"{status.Count("uncertain")} message(s) may not have arrived: see `outbox list`", data: data)
            : HealthCheckResult.Healthy("outbox is flowing", data);
    }
}
