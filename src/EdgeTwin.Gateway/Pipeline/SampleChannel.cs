using System.Threading.Channels;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Gateway.Pipeline;

/// <summary>
/// The one bounded channel every device loop writes into and the pipeline reads from. The pipeline runs on its own
/// thread and blocks in <see cref="WaitToRead"/>; a write wakes that thread directly. (Awaiting the channel instead
/// put the pipeline's wake-up into the thread pool's queue behind the device loops' own work, which at 100 devices
/// polled together was the largest part of the latency's tail.)
/// </summary>
public sealed class SampleChannel : ISampleSink
{
    private readonly Channel<SampleBatch> _channel = Channel.CreateBounded<SampleBatch>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ManualResetEventSlim _written = new(initialState: false, spinCount: 0);

    /// <summary>The reading side.</summary>
    public ChannelReader<SampleBatch> Reader => _channel.Reader;

    /// <inheritdoc />
    public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default)
    {
        if (_channel.Writer.TryWrite(batch))
        {
            _written.Set();
            return ValueTask.CompletedTask;
        }

        return WriteWhenRoomAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Blocks until a batch can be read (true), the channel is completed and empty (false) or
    /// <paramref name="timeout"/> has passed (true; the caller tries to read). The reader's thread only.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public bool WaitToRead(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Reset before looking: a write after the look sets the event again, so none is missed.
        _written.Reset();
        if (_channel.Reader.TryPeek(out _))
        {
            return true;
        }

        if (!_channel.Reader.Completion.IsCompleted)
        {
            _written.Wait(timeout, cancellationToken);
        }

        return !_channel.Reader.Completion.IsCompleted;
    }

    /// <summary>No more batches will come.</summary>
    public void Complete()
    {
        _channel.Writer.TryComplete();
        _written.Set();
    }

    private async ValueTask WriteWhenRoomAsync(SampleBatch batch, CancellationToken cancellationToken)
    {
        await _channel.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        _written.Set();
    }
}
