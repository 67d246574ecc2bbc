namespace Paperboy.Scheduler;

/// <summary>
/// Lets the dispatcher send while the planner is still writing: the planner signals each committed batch and
/// completes the feed when it is done; a dispatcher worker that finds the queue empty waits for the next signal
/// instead of stopping, until the feed is complete.
/// </summary>
public sealed class OutboxFeed
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _completed;

    /// <summary>True once nothing more will be queued by this run.</summary>
    public bool IsCompleted => _completed;

    /// <summary>
    /// Completes at the next signal. Taken before a claim, so a batch committed between the claim and the wait is
    /// not missed.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>A batch was committed: wake the waiting workers.</summary>
    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Planning is over (done, failed or stopped): workers drain the queue and stop.</summary>
    public void Complete()
    {
        _completed = true;
        Signal();
    }
}
