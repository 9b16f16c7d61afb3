using System.Threading.Channels;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>A sink that copies each batch (and returns it to the pool), so tests can await and inspect cycles.</summary>
internal sealed class CollectingSink : ISampleSink
{
    private readonly Channel<CollectedBatch> _batches = Channel.CreateUnbounded<CollectedBatch>();

    public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default)
    {
        var copy = new CollectedBatch(batch.Device, batch.CycleTime, batch.Samples.ToArray());
        batch.Return();
        _batches.Writer.TryWrite(copy);
        return ValueTask.CompletedTask;
    }

    public async Task<CollectedBatch> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _batches.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No batch arrived in time.");
        }
    }

    /// <summary>Waits for the first batch that satisfies <paramref name="condition"/>.</summary>
    public async Task<CollectedBatch> WaitForAsync(Func<CollectedBatch, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("No batch satisfied the condition in time.");
            }

            var batch = await NextAsync(remaining);
            if (condition(batch))
            {
                return batch;
            }
        }
    }
}

/// <summary>A copied batch.</summary>
internal sealed record CollectedBatch(int Device, DateTime CycleTime, Sample[] Samples)
{
    /// <summary>The point's newest sample in the batch (a subscribed point may have several).</summary>
    public Sample Of(int point) => Samples.Last(s => s.Point == point);

    /// <summary>Every sample of the point, oldest first (a subscription may deliver several queued changes at once).</summary>
    public IEnumerable<Sample> All(int point) => Samples.Where(s => s.Point == point);

    public bool Has(int point) => Samples.Any(s => s.Point == point);
}
