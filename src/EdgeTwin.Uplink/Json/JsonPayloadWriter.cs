using System.Buffers;
using System.Text.Json;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Uplink.Json;

/// <summary>
/// Writes the JSON payloads of the topic scheme (see README.md "MQTT topics"). One instance per thread: it reuses
/// its buffer, and each payload costs one array (the bytes stored in the outbox).
/// </summary>
public sealed class JsonPayloadWriter
{
    private static readonly JsonEncodedText SeqName = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText DeviceName = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText SamplesName = JsonEncodedText.Encode("samples");
    private static readonly JsonEncodedText PointName = JsonEncodedText.Encode("point");
    private static readonly JsonEncodedText TsName = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText QualityName = JsonEncodedText.Encode("quality");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText[] QualityWire = Enumerable.Range(0, 256).Select(q => JsonEncodedText.Encode(((Quality)q).ToWire())).ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly PointTable _table;
    private readonly JsonEncodedText?[] _pointIds;

    /// <summary>Creates a writer naming points from <paramref name="table"/>.</summary>
    public JsonPayloadWriter(PointTable table)
    {
        _table = table;
        _pointIds = new JsonEncodedText?[table.Points.Count];
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>
    /// <c>{"seq":N,"device":"plc1","samples":[{"point":"p","ts":"...","value":2.5,"quality":"good"}]}</c>;
    /// string points carry a string value, enumerations add "label", bad samples "value":null and "error".
    /// </summary>
    public byte[] Telemetry(long seq, string device, ReadOnlySpan<Sample> samples)
    {
        // Names and point ids are encoded once (per writer), not per sample: this runs for every sample sent.
        var w = Begin();
        w.WriteStartObject();
        w.WriteNumber(SeqName, seq);
        w.WriteString(DeviceName, device);
        w.WriteStartArray(SamplesName);
        foreach (ref readonly var s in samples)
        {
            var config = _table.Points[s.Point].Config;
            w.WriteStartObject();
            w.WriteString(PointName, _pointIds[s.Point] ??= JsonEncodedText.Encode(config.Id));
            JsonFormat.WriteTimestamp(w, TsName, s.Timestamp);
            if (s.Quality == Quality.Bad)
            {
                w.WriteNull(ValueName);
            }
            else if (config.Type == PointType.String)
            {
                w.WriteString(ValueName, s.Text);
            }
            else if (config.Type == PointType.Bool)
            {
                w.WriteBoolean(ValueName, s.Value != 0);
            }
            else
            {
                JsonFormat.WriteNumber(w, ValueName, s.Value, config.Type == PointType.Float32 && config.Scale == 1 && config.Offset == 0);
                if (config.Enum is { } labels && labels.TryGetValue((long)s.Value, out var label))
                {
                    w.WriteString(LabelName, label);
                }
            }

            w.WriteString(QualityName, QualityWire[(byte)s.Quality]);
            if (s.Quality == Quality.Bad && s.Text is not null)
            {
                w.WriteString(ErrorName, s.Text);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return End();
    }

    /// <summary>
    /// <c>{"seq":N,"asset":"pump1","type":"pump","ts":"...","status":"synchronized","confidence":1,"properties":{"pressure":{"value":2.5,"unit":"bar","ts":"...","quality":"good"}}}</c>.
    /// </summary>
    public byte[] Twin(long seq, AssetSnapshot snapshot, Action<Utf8JsonWriter>? extra = null)
    {
        var w = Begin();
        w.WriteStartObject();
        w.WriteNumber("seq", seq);
        w.WriteString("asset", snapshot.Asset);
        w.WriteString("type", snapshot.Type);
        JsonFormat.WriteTimestamp(w, "ts", snapshot.Timestamp);
        w.WriteString("status", snapshot.Status.ToString().ToLowerInvariant());
        JsonFormat.WriteNumber(w, "confidence", snapshot.Confidence);
        w.WriteStartObject("properties");
        foreach (var p in snapshot.Properties)
        {
            w.WriteStartObject(p.Name);
            if (p.Text is not null && p.Quality != Quality.Bad)
            {
                w.WriteString("value", p.Text);
            }
            else if (p.Type == PointType.Bool && p.Quality != Quality.Bad && !double.IsNaN(p.Value))
            {
                w.WriteBoolean("value", p.Value != 0);
            }
            else
            {
                JsonFormat.WriteNumber(w, "value", p.Quality == Quality.Bad ? double.NaN : p.Value, p.Type == PointType.Float32);
            }

            if (p.Unit is not null)
            {
                w.WriteString("unit", p.Unit);
            }

            if (p.Timestamp != default)
            {
                JsonFormat.WriteTimestamp(w, "ts", p.Timestamp);
            }

            w.WriteString("quality", p.Quality.ToWire());
            if (p.Quality == Quality.Bad && p.Text is not null)
            {
                w.WriteString("error", p.Text);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        JsonFormat.WriteNumber(w, "health", snapshot.Health);
        if (snapshot.Capacity is { } capacity)
        {
            w.WriteStartObject("capacity");
            w.WriteString("property", capacity.Property);
            if (capacity.Unit is not null)
            {
                w.WriteString("unit", capacity.Unit);
            }

            JsonFormat.WriteNumber(w, "limit", capacity.Limit);
            JsonFormat.WriteNumber(w, "value", capacity.Value);
            JsonFormat.WriteNumber(w, "headroom", capacity.Headroom);
            w.WriteEndObject();
        }

        w.WriteStartArray("alarms");
        foreach (var alarm in snapshot.Alarms)
        {
            w.WriteStartObject();
            w.WriteString("id", alarm.Id);
            w.WriteString("property", alarm.Property);
            w.WriteString("severity", alarm.Severity);
            JsonFormat.WriteNumber(w, "value", alarm.Value);
            w.WriteString("limit", alarm.Limit);
            if (alarm.RaisedAt is { } raised)
            {
                JsonFormat.WriteTimestamp(w, "raisedAt", raised);
            }

            w.WriteBoolean("acknowledged", alarm.Acknowledged);
            w.WriteBoolean("condition", alarm.Condition);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (snapshot.Models is { } models)
        {
            TwinModelsJson.Write(w, models);
        }

        extra?.Invoke(w);
        w.WriteEndObject();
        return End();
    }

    /// <summary>An event of the twin (alarms, anomaly, learning...) on the events topic.</summary>
    public byte[] Event(long seq, string gateway, TwinEvent twinEvent) => Event(seq, twinEvent.Type, twinEvent.Time, w =>
    {
        w.WriteString("gateway", gateway);
        w.WriteString("asset", twinEvent.Asset);
        foreach (var (name, value) in twinEvent.Fields)
        {
            JsonFormat.WriteValue(w, name, value);
        }
    });

    /// <summary><c>{"seq":N,"type":"...","ts":"...", ...fields}</c> on the events topic.</summary>
    public byte[] Event(long seq, string type, DateTime time, Action<Utf8JsonWriter> fields)
    {
        var w = Begin();
        w.WriteStartObject();
        w.WriteNumber("seq", seq);
        w.WriteString("type", type);
        JsonFormat.WriteTimestamp(w, "ts", time);
        fields(w);
        w.WriteEndObject();
        return End();
    }

    /// <summary>Any other JSON object (status, command replies).</summary>
    public byte[] Object(Action<Utf8JsonWriter> fields)
    {
        var w = Begin();
        w.WriteStartObject();
        fields(w);
        w.WriteEndObject();
        return End();
    }

    private Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        return _writer;
    }

    private byte[] End()
    {
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
