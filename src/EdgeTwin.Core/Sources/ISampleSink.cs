using EdgeTwin.Core.Samples;

namespace EdgeTwin.Core.Sources;

/// <summary>Where device loops deliver their batches (one bounded channel read by the twin engine).</summary>
public interface ISampleSink
{
    /// <summary>Hands a batch on; ownership moves to the sink. Waits when the pipeline is full.</summary>
    ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default);
}
