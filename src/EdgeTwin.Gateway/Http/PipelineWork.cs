using System.Collections.Concurrent;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// Work that must run on the pipeline thread (the twin engine's only thread): acknowledging an alarm, copying history
/// rings. Any thread queues a function and awaits its result; the pipeline runs the queue from its hook
/// (<see cref="Drain"/>), between two batches.
/// </summary>
public sealed class PipelineWork
{
    /// <summary>Most queued items; beyond it new requests are refused rather than piling up.</summary>
    public const int MaxQueued = 256;

    private readonly ConcurrentQueue<Action> _queue = new();
    private int _count;

    /// <summary>Items waiting.</summary>
    public int Pending => Volatile.Read(ref _count);

    /// <summary>
    /// Queues <paramref name="work"/> for the pipeline thread and returns its result (or its exception). Cancelling
    /// <paramref name="cancellationToken"/> abandons the wait; work already taken by the pipeline still runs.
    /// </summary>
    /// <exception cref="PipelineUnavailableException">More than <see cref="MaxQueued"/> items are waiting.</exception>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.Increment(ref _count) > MaxQueued)
        {
            Interlocked.Decrement(ref _count);
            throw new PipelineUnavailableException($"more than {MaxQueued} requests wait for the pipeline thread");
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(() =>
        {
            if (done.Task.IsCompleted)
            {
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
            _ = done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return done.Task;
    }

    /// <summary>Runs everything queued so far. Call only from the pipeline thread. Returns how many items ran.</summary>
    public int Drain()
    {
        var ran = 0;
        while (_queue.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref _count);
            item();
            ran++;
        }

        return ran;
    }
}
