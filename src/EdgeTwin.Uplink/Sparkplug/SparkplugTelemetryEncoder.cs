using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Uplink.Telemetry;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>
/// Telemetry as Sparkplug B DDATA: one metric per sample, by alias, with datatype and timestamp. The payload is stored
/// without its seq field: Sparkplug's seq counts publishes per session (0..255), so the uplink appends it when it
/// sends the message (<see cref="SparkplugPayloadWriter.AppendSeq"/>).
/// </summary>
public sealed class SparkplugTelemetryEncoder : ITelemetryEncoder
{
    private readonly SparkplugPoint[] _points;
    private readonly string[] _topics;
    private readonly SparkplugLatestValues _latest;
    private readonly TimeProvider _time;
    private readonly List<SparkplugMetric> _metrics = new();

    /// <summary>Creates the encoder.</summary>
    public SparkplugTelemetryEncoder(PointTable table, SparkplugTopics topics, SparkplugLatestValues latest, TimeProvider time)
    {
        _points = table.Points.Select(SparkplugPoint.For).ToArray();
        _topics = table.Devices.Select(d => topics.DeviceData(d.Id)).ToArray();
        _latest = latest;
        _time = time;
    }

    /// <inheritdoc />
    public string Topic(int device) => _topics[device];

    /// <inheritdoc />
    public byte[] Encode(long seq, int device, ReadOnlySpan<Sample> samples)
    {
        _metrics.Clear();
        foreach (ref readonly var s in samples)
        {
            _metrics.Add(_points[s.Point].Metric(s, birth: false));
        }

        _latest.Update(samples);
        return SparkplugPayloadWriter.Write(SparkplugPoint.UnixMs(_time.GetUtcNow().UtcDateTime), _metrics, seq: null);
    }
}
