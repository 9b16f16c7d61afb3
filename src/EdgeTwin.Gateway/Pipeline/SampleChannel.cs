using System.Threading.Channels;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Gateway.Pipeline;

/// <summary>The one bounded channel every device loop writes into and the pipeline reads from.</summary>
public sealed class SampleChannel : ISampleSink
{
    private readonly Channel<SampleBatch> _channel = Channel.CreateBounded<SampleBatch>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>The reading side.</summary>
    public ChannelReader<SampleBatch> Reader => _channel.Reader;

    /// <inheritdoc />
    public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default) =>
        _channel.Writer.WriteAsync(batch, cancellationToken);

    /// <summary>No more batches will come.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
