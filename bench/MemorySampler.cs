using System.Diagnostics;

namespace Paperboy.Bench;

/// <summary>Samples the managed heap and the working set once a second while a phase runs.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private readonly string _phase;

    public MemorySampler(string phase)
    {
        _phase = phase;
        _sampling = SampleAsync();
    }

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
                (double Seconds, long HeapBytes, long WorkingSetBytes) sample = (watch.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
                lock (Samples)
                {
                    Samples.Add(sample);
                }

                // Live, so a long run shows its figures even if it is stopped early.
                if (Samples.Count % 15 == 1)
                {
                    Console.WriteLine(string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"  {_phase} {sample.Seconds,6:F0} s: heap {sample.HeapBytes / 1e6:F0} MB, working set {sample.WorkingSetBytes / 1e6:F0} MB"));
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
