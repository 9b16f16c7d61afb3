using System.Globalization;
using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Twin;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Gateway.Http.Json;

/// <summary>Devices and points as the API shows them.</summary>
public static class DeviceJson
{
    /// <summary>
    /// <c>{"id":"plc1","protocol":"modbus","address":"127.0.0.1:5020 unit 1","poll":"500ms","points":9,"state":"online",
    /// "error":null,"lastPoll":"...","lastGood":"...","polls":10,"errors":0,"timeouts":0,"reconnects":0,"samples":90}</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter w, DeviceConfig config, DeviceStatus status)
    {
        w.WriteStartObject();
        w.WriteString("id", config.Id);
        w.WriteString("protocol", Protocol(config));
        w.WriteString("address", Address(config));
        ApiJson.Duration(w, "poll", config.Poll);
        w.WriteNumber("points", config.Points.Count);
        w.WriteString("state", status.State.ToString().ToLowerInvariant());
        ApiJson.String(w, "error", status.LastError);
        ApiJson.Time(w, "lastPoll", status.LastPoll);
        ApiJson.Time(w, "lastGood", status.LastGood);
        w.WriteNumber("polls", status.Polls);
        w.WriteNumber("errors", status.Errors);
        w.WriteNumber("timeouts", status.Timeouts);
        w.WriteNumber("reconnects", status.Reconnects);
        w.WriteNumber("samples", status.Samples);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>{"device":"plc1","id":"pump1_pressure","type":"float32","unit":"bar","value":2.5,"quality":"good","ts":"...","writable":false}</c>;
    /// a value older than its <see cref="TwinEngine.FreshnessLimit"/> shows as stale, a bad one as null
    /// with <c>error</c>, an enumeration adds <c>label</c>.
    /// </summary>
    public static void WritePoint(Utf8JsonWriter w, PointInfo point, in PointState state, DeviceConfig device, DateTime now)
    {
        var config = point.Config;
        w.WriteStartObject();
        w.WriteString("device", point.DeviceId);
        w.WriteString("id", point.Id);
        w.WriteString("type", config.Type.ToName());
        ApiJson.String(w, "unit", config.Unit);
        var quality = QualityAt(point, state, device, now);
        WriteValue(w, config, state, quality);
        w.WriteString("quality", state.Seen ? quality.ToWire() : "none");
        ApiJson.Time(w, "ts", state.Seen ? state.Timestamp : null);
        if (quality == Quality.Bad && state.Text is not null)
        {
            w.WriteString("error", state.Text);
        }

        if (config.Enum is { } labels && state.Seen && double.IsFinite(state.Value)
            && labels.TryGetValue((long)state.Value, out var label))
        {
            w.WriteString("label", label);
        }

        w.WriteBoolean("writable", config.Writable is not null);
        w.WriteEndObject();
    }

    /// <summary>The quality of a point now: good or uncertain values turn stale past the twin's freshness limit.</summary>
    public static Quality QualityAt(PointInfo point, in PointState state, DeviceConfig device, DateTime now) =>
        state.Seen && state.Quality is Quality.Good or Quality.Uncertain && now - state.Timestamp > TwinEngine.FreshnessLimit(point, device)
            ? Quality.Stale
            : state.Quality;

    /// <summary>modbus, opcua, i2c, gpio or unknown.</summary>
    public static string Protocol(DeviceConfig config) =>
        config.Modbus is not null ? "modbus"
        : config.OpcUa is not null ? "opcua"
        : config.I2c is not null ? "i2c"
        : config.Gpio is not null ? "gpio"
        : "unknown";

    private static string Address(DeviceConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        return config switch
        {
            { Modbus: { Serial: { } serial } m } => string.Create(inv, $"{serial} {m.Baud} baud, unit {m.Unit}"),
            { Modbus: { } m } => string.Create(inv, $"{m.Host}:{m.Port} unit {m.Unit}"),
            { OpcUa: { } o } => o.Endpoint,
            { I2c: { } i } => string.Create(inv, $"i2c-{i.Bus} 0x{i.Address:x2} {i.Chip}"),
            { Gpio: { } g } => string.Create(inv, $"gpiochip{g.Chip}"),
            _ => string.Empty,
        };
    }

    private static void WriteValue(Utf8JsonWriter w, PointConfig config, in PointState state, Quality quality)
    {
        if (!state.Seen || quality == Quality.Bad)
        {
            w.WriteNull("value");
        }
        else if (config.Type == PointType.String)
        {
            ApiJson.String(w, "value", state.Text);
        }
        else if (config.Type == PointType.Bool && double.IsFinite(state.Value))
        {
            w.WriteBoolean("value", state.Value != 0);
        }
        else
        {
            var single = config.Type == PointType.Float32 && config.Scale == 1 && config.Offset == 0;
            ApiJson.Number(w, "value", state.Value, single);
        }
    }
}
