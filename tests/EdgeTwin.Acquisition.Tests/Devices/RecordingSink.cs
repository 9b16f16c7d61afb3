using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Acquisition.Tests.Devices;

/// <summary>
/// A sink that copies every batch it receives (and returns the batch to the pool), for assertions. With
/// <c>holdAfter</c>, the write after that many batches waits until the loop is cancelled, so a loop on an
/// auto-advancing clock stops right there and its counters can be asserted exactly.
/// </summary>
internal sealed class RecordingSink(int? holdAfter = null) : ISampleSink
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);
    private readonly Lock _gate = new();
    private readonly List<RecordedBatch> _batches = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default)
    {
        var copy = new RecordedBatch(batch.Device, batch.CycleTime, batch.Samples.ToArray());
        batch.Return();
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_batches.Count >= holdAfter)
            {
                return new ValueTask(Task.Delay(Timeout.Infinite, cancellationToken));
            }

            _batches.Add(copy);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until the recorded batches satisfy <paramref name="condition"/>; fails the test after 20 s.</summary>
    public async Task<IReadOnlyList<RecordedBatch>> WaitForAsync(Func<IReadOnlyList<RecordedBatch>, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_batches))
                {
                    return [.. _batches];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for {what}; got {Batches.Count} batches");
            }
        }
    }

    /// <summary>Waits for at least <paramref name="count"/> batches.</summary>
    public Task<IReadOnlyList<RecordedBatch>> WaitForBatchesAsync(int count) => WaitForAsync(b => b.Count >= count, $"{count} batches");
}

/// <summary>A copy of one batch.</summary>
internal sealed record RecordedBatch(int Device, DateTime CycleTime, Sample[] Samples);
