using System.Threading.Channels;

namespace Paperboy.Scheduler;

/// <summary>
/// Sends the outbox as soon as something urgent is queued (a confirmation mail), instead of at the next
/// scheduler tick. Signals arriving while it works collapse into one more pass.
/// </summary>
public sealed partial class OutboxPump(OutboxDispatcher dispatcher, ILogger<OutboxPump> logger) : BackgroundService
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signals.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (bool _ in _signals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DispatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The scheduler's next pass sends whatever this one could not.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the outbox failed; the next scheduled pass will try again")]
    private partial void LogFailed(Exception exception);
}
