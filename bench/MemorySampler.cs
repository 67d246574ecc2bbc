using System.Diagnostics;

namespace Paperboy.Bench;

/// <summary>Samples the managed heap and the working set once a second while a phase runs.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler() => _sampling = SampleAsync();

    public List<(double Seconds, long HeapBytes, long WorkingSetBytes)> Samples { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        var watch = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                using var process = Process.GetCurrentProcess();
                lock (Samples)
                {
                    Samples.Add((watch.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64));
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }
}
