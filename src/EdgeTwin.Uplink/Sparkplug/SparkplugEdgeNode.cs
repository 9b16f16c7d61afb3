using System.Buffers;
using System.Text.Json;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>
/// The gateway as a Sparkplug B edge node (Sparkplug 3.0): every MQTT session gets a new bdSeq (persisted, 0..255),
/// registered in the NDEATH Last Will and repeated in the NBIRTH; NBIRTH has seq 0 and every later publish of the
/// session counts on (0..255). Each device is born (DBIRTH with every point: name, alias, datatype, current value)
/// before its first DDATA, dies (DDEATH) when its device loop reports it unreachable and is born again when it
/// returns (a device with no value yet is born right before its first DDATA, so that its DBIRTH carries values). An NCMD "Node Control/Rebirth" = true republishes all births; a DCMD writes its metrics to the points
/// through the command router (as "write" commands, with the same authorisation and audit).
/// </summary>
public sealed partial class SparkplugEdgeNode : IUplinkProfile
{
    /// <summary>Name of the rebirth request metric.</summary>
    public const string RebirthMetric = "Node Control/Rebirth";

    private readonly SparkplugTopics _topics;
    private readonly PointTable _table;
    private readonly IReadOnlyList<DeviceStatus> _devices;
    private readonly SparkplugLatestValues _latest;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly string _version;
    private readonly ILogger _logger;
    private readonly SparkplugPoint[] _points;
    private readonly Dictionary<string, int> _deviceIndex;
    private readonly bool[] _born;
    private readonly DeviceState[] _lastState;
    private byte _seq;
    private volatile bool _rebirth;
    private long _rebirths;

    /// <summary>Creates the edge node; <paramref name="devices"/> are the device statuses by device index.</summary>
    public SparkplugEdgeNode(SparkplugTopics topics, PointTable table, IReadOnlyList<DeviceStatus> devices, SparkplugLatestValues latest, Outbox outbox, TimeProvider time, string version, ILogger logger)
    {
        _topics = topics;
        _table = table;
        _devices = devices;
        _latest = latest;
        _outbox = outbox;
        _time = time;
        _version = version;
        _logger = logger;
        _points = table.Points.Select(SparkplugPoint.For).ToArray();
        _deviceIndex = table.Devices.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _born = new bool[table.Devices.Count];
        _lastState = new DeviceState[table.Devices.Count];
    }

    /// <summary>The topics of this edge node.</summary>
    public SparkplugTopics Topics => _topics;

    /// <summary>bdSeq of the current (or last) session.</summary>
    public ulong BdSeq { get; private set; }

    /// <summary>Rebirths done on request.</summary>
    public long Rebirths => Interlocked.Read(ref _rebirths);

    /// <inheritdoc />
    public IReadOnlyList<string> Subscriptions => [_topics.NodeCommand, _topics.DeviceCommandFilter];

    /// <summary>Asks for NBIRTH and all DBIRTHs again (as an NCMD rebirth does).</summary>
    public void RequestRebirth() => _rebirth = true;

    /// <inheritdoc />
    public MqttApplicationMessage Will()
    {
        BdSeq = (ulong)(_outbox.IncrementCounter("sparkplug.bdSeq") % 256);
        return NodeDeath();
    }

    /// <inheritdoc />
    public void OnConnected(List<MqttApplicationMessage> output)
    {
        _seq = 0;
        output.Add(NodeBirth());
        for (var d = 0; d < _born.Length; d++)
        {
            var state = _devices[d].State;
            _lastState[d] = state;
            _born[d] = false;
            if (state != DeviceState.Offline && HasValues(d))
            {
                output.Add(DeviceBirth(d));
            }
        }
    }

    /// <inheritdoc />
    public void Prepare(OutboxMessage message, bool backfill, List<MqttApplicationMessage> output)
    {
        if (!message.Topic.StartsWith(SparkplugTopics.Namespace + "/", StringComparison.Ordinal) || !_deviceIndex.TryGetValue(message.Key, out var device))
        {
            // Twin state, events: the JSON topics, as in JSON mode.
            output.Add(MqttMessages.ForOutbox(message, backfill));
            return;
        }

        if (!_born[device])
        {
            output.Add(DeviceBirth(device));
        }

        output.Add(MqttMessages.Create(message.Topic, SparkplugPayloadWriter.AppendSeq(message.Payload, NextSeq()), retain: false));
    }

    /// <inheritdoc />
    public void Tick(bool idle, List<MqttApplicationMessage> output)
    {
        if (_rebirth)
        {
            _rebirth = false;
            Interlocked.Increment(ref _rebirths);
            Log.Rebirth(_logger, BdSeq);
            OnConnected(output);
            return;
        }

        for (var d = 0; d < _born.Length; d++)
        {
            var state = _devices[d].State;
            var offline = state == DeviceState.Offline;
            var changed = offline != (_lastState[d] == DeviceState.Offline);
            _lastState[d] = state;
            if ((changed || idle) && offline && _born[d])
            {
                output.Add(DeviceDeath(d));
            }
            else if ((changed || idle) && !offline && !_born[d] && HasValues(d))
            {
                output.Add(DeviceBirth(d));
            }
        }
    }

    /// <inheritdoc />
    public MqttApplicationMessage? Farewell() => NodeDeath();

    /// <inheritdoc />
    public bool Handle(MqttApplicationMessage message, List<CommandEnvelope> commands)
    {
        var isNode = message.Topic == _topics.NodeCommand;
        var device = isNode ? null : _topics.DeviceOfCommand(message.Topic);
        if (!isNode && device is null)
        {
            return false;
        }

        SparkplugPayload payload;
        try
        {
            payload = SparkplugPayloadReader.Read(message.Payload.IsSingleSegment ? message.Payload.FirstSpan : message.Payload.ToArray());
        }
        catch (SparkplugFormatException ex)
        {
            Log.BadCommand(_logger, message.Topic, ex.Message);
            return true;
        }

        if (isNode)
        {
            if (payload.Metrics.Any(m => m.Name == RebirthMetric && m.Value.Field == SparkplugValueField.Boolean && m.Value.Bits != 0))
            {
                _rebirth = true;
            }

            return true;
        }

        if (!_deviceIndex.TryGetValue(device!, out var index))
        {
            Log.BadCommand(_logger, message.Topic, $"no device '{device}' on this edge node");
            return true;
        }

        foreach (var metric in payload.Metrics)
        {
            if (Resolve(index, metric) is not { } point)
            {
                Log.BadCommand(_logger, message.Topic, $"metric '{metric.Name ?? metric.Alias?.ToString(System.Globalization.CultureInfo.InvariantCulture)}' is not a point of '{device}'");
                continue;
            }

            commands.Add(new CommandEnvelope("write", null, WriteRequest(point, metric), "sparkplug:DCMD", "sparkplug"));
        }

        return true;
    }

    private PointInfo? Resolve(int device, in SparkplugMetric metric)
    {
        foreach (var point in _table.PointsOf(device))
        {
            if ((metric.Name is not null && metric.Name == point.Id) || (metric.Alias is { } alias && alias == _points[point.Index].Alias))
            {
                return point;
            }
        }

        return null;
    }

    private byte[] WriteRequest(PointInfo point, in SparkplugMetric metric)
    {
        var type = metric.DataType ?? _points[point.Index].DataType;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("point", point.Key);
            if (metric.Value.Field == SparkplugValueField.Boolean)
            {
                w.WriteBoolean("value", metric.Value.Bits != 0);
            }
            else if (metric.Value.ToNumber(type) is { } number)
            {
                w.WriteNumber("value", number);
            }
            else
            {
                w.WriteNull("value");
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // A device without any value yet is born right before its first DDATA, so its DBIRTH carries real values.
    private bool HasValues(int device) => _table.PointsOf(device).Any(p => _latest.Get(p.Index) is not null);

    private ulong NextSeq()
    {
        var seq = _seq;
        _seq = unchecked((byte)(_seq + 1));
        return seq;
    }

    private ulong Now() => SparkplugPoint.UnixMs(_time.GetUtcNow().UtcDateTime);

    private MqttApplicationMessage NodeBirth()
    {
        var now = Now();
        SparkplugMetric[] metrics =
        [
            new() { Name = "bdSeq", Timestamp = now, DataType = SparkplugDataType.Int64, Value = SparkplugValue.Long(BdSeq) },
            new() { Name = RebirthMetric, Timestamp = now, DataType = SparkplugDataType.Boolean, Value = SparkplugValue.Boolean(false) },
            new() { Name = "Node Info/Version", Timestamp = now, DataType = SparkplugDataType.String, Value = SparkplugValue.String(_version) },
        ];
        return MqttMessages.Create(_topics.NodeBirth, SparkplugPayloadWriter.Write(now, metrics, NextSeq()), retain: false);
    }

    private MqttApplicationMessage NodeDeath()
    {
        SparkplugMetric[] metrics = [new() { Name = "bdSeq", DataType = SparkplugDataType.Int64, Value = SparkplugValue.Long(BdSeq) }];
        return MqttMessages.Create(_topics.NodeDeath, SparkplugPayloadWriter.Write(Now(), metrics, seq: null), retain: false);
    }

    private MqttApplicationMessage DeviceBirth(int device)
    {
        var points = _table.PointsOf(device);
        var metrics = new List<SparkplugMetric>(points.Count);
        foreach (var point in points)
        {
            var sample = _latest.Get(point.Index) ?? new Sample(point.Index, default, double.NaN, Quality.Bad);
            metrics.Add(_points[point.Index].Metric(sample, birth: true));
        }

        _born[device] = true;
        var id = _table.Devices[device].Id;
        return MqttMessages.Create(_topics.DeviceBirth(id), SparkplugPayloadWriter.Write(Now(), metrics, NextSeq()), retain: false);
    }

    private MqttApplicationMessage DeviceDeath(int device)
    {
        _born[device] = false;
        var id = _table.Devices[device].Id;
        Log.DeviceDeath(_logger, id);
        return MqttMessages.Create(_topics.DeviceDeath(id), SparkplugPayloadWriter.Write(Now(), [], NextSeq()), retain: false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Ignored Sparkplug command on {Topic}: {Reason}")]
        public static partial void BadCommand(ILogger logger, string topic, string reason);

        [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Sparkplug rebirth requested: publishing NBIRTH and DBIRTHs again (bdSeq {BdSeq})")]
        public static partial void Rebirth(ILogger logger, ulong bdSeq);

        [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "Device {Device} unreachable: DDEATH published")]
        public static partial void DeviceDeath(ILogger logger, string device);
    }
}
