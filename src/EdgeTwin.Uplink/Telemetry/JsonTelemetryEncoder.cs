using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Telemetry;

/// <summary>Telemetry as JSON on {root}/{gateway}/telemetry/{device} (README "MQTT topics").</summary>
public sealed class JsonTelemetryEncoder : ITelemetryEncoder
{
    private readonly PointTable _table;
    private readonly JsonPayloadWriter _writer;
    private readonly string[] _topics;

    /// <summary>Creates the encoder.</summary>
    public JsonTelemetryEncoder(PointTable table, TopicScheme topics)
    {
        _table = table;
        _writer = new JsonPayloadWriter(table);
        _topics = table.Devices.Select(d => topics.Telemetry(d.Id)).ToArray();
    }

    /// <inheritdoc />
    public string Topic(int device) => _topics[device];

    /// <inheritdoc />
    public byte[] Encode(long seq, int device, ReadOnlySpan<Sample> samples) => _writer.Telemetry(seq, _table.Devices[device].Id, samples);
}
