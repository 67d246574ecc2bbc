using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Paperboy.Feeds;

/// <summary>
/// At most one request at a time to each polite host, starting at least <see cref="FeedsOptions.PoliteSpacing"/>
/// after the previous one ended. Waits are on the real clock: they are about the remote server, not our schedule.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's limiters replenish on a fixed period, so two calls can land just either side
/// of a replenishment, closer than the spacing; arXiv's rule is about the gap between calls, which this keeps.
/// </remarks>
public sealed class PoliteSpacing(IOptions<FeedsOptions> options)
{
    private readonly ConcurrentDictionary<string, Slot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the host's turn; dispose the result when the response is in.</summary>
    public async Task<IDisposable?> WaitTurnAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!options.Value.IsPolite(uri.Host))
        {
            return null;
        }

        Slot slot = _hosts.GetOrAdd(uri.Host, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.LastEnded is { } ended)
            {
                TimeSpan wait = options.Value.PoliteSpacing - Stopwatch.GetElapsedTime(ended);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }

        return slot;
    }

    private sealed class Slot : IDisposable
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? LastEnded { get; private set; }

        public void Dispose()
        {
            LastEnded = Stopwatch.GetTimestamp();
            Gate.Release();
        }
    }
}
