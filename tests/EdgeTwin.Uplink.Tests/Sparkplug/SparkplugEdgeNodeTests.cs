using System.Text;
using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Commands;
using EdgeTwin.Uplink.Sparkplug;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace EdgeTwin.Uplink.Tests.Sparkplug;

public sealed class SparkplugEdgeNodeTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(T0);
    private readonly Outbox _outbox;
    private readonly PointTable _table = new([
        new DeviceConfig
        {
            Id = "plc1",
            Points =
            [
                new PointConfig { Id = "pressure", Type = PointType.Float32, Unit = "bar" },
                new PointConfig { Id = "amps", Type = PointType.UInt16, Scale = 0.01 },
                new PointConfig { Id = "delta", Type = PointType.Int16 },
            ],
        },
        new DeviceConfig { Id = "plc2", Points = [new PointConfig { Id = "run", Type = PointType.Bool }] },
    ]);

    private readonly DeviceStatus[] _statuses = [new("plc1"), new("plc2")];
    private readonly SparkplugTopics _topics = new("plant-a", "gw1");
    private readonly SparkplugLatestValues _latest;
    private readonly SparkplugTelemetryEncoder _encoder;
    private readonly SparkplugEdgeNode _node;

    public SparkplugEdgeNodeTests()
    {
        _outbox = Outbox.Open(new OutboxOptions { Path = _dir.File("edgetwin.db"), Durable = false }, NullLogger.Instance);
        _latest = new SparkplugLatestValues(_table.Points.Count);
        _encoder = new SparkplugTelemetryEncoder(_table, _topics, _latest, _clock);
        _node = new SparkplugEdgeNode(_topics, _table, _statuses, _latest, _outbox, _clock, "1.2.3", NullLogger.Instance);
        foreach (var s in _statuses)
        {
            s.CycleCompleted(T0, 1, 0, null);
        }

        // A running gateway: both devices have delivered values.
        _latest.Update([new Sample(0, T0, 2.5, Quality.Good), new Sample(3, T0, 1, Quality.Good)]);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _dir.Dispose();
    }

    private static SparkplugPayload Decode(MqttApplicationMessage m) => SparkplugPayloadReader.Read(System.Buffers.BuffersExtensions.ToArray(m.Payload));

    private OutboxMessage Data(int device, params Sample[] samples)
    {
        var seq = _outbox.Add(OutboxKind.Telemetry, _table.Devices[device].Id, _encoder.Topic(device), _encoder.Encode(0, device, samples), T0);
        _outbox.Commit();
        return _outbox.Find(seq)!;
    }

    [Fact]
    public void Each_connection_gets_the_next_bdseq_in_its_will_and_its_nbirth()
    {
        var will1 = Decode(_node.Will());
        var will2 = _node.Will();
        Assert.Equal(_topics.NodeDeath, will2.Topic);
        Assert.False(will2.Retain);
        var death = Decode(will2);
        Assert.Null(death.Seq);
        Assert.Equal(will1.Metrics[0].Value.Bits + 1, death.Metrics.Single(m => m.Name == "bdSeq").Value.Bits);

        var births = new List<MqttApplicationMessage>();
        _node.OnConnected(births);
        var nbirth = Decode(births[0]);
        Assert.Equal(_topics.NodeBirth, births[0].Topic);
        Assert.Equal(0UL, nbirth.Seq);
        Assert.Equal(_node.BdSeq, nbirth.Metrics.Single(m => m.Name == "bdSeq").Value.Bits);
        Assert.Equal(SparkplugDataType.Int64, nbirth.Metrics.Single(m => m.Name == "bdSeq").DataType);
        Assert.Contains(nbirth.Metrics, m => m.Name == SparkplugEdgeNode.RebirthMetric && m.DataType == SparkplugDataType.Boolean);
    }

    [Fact]
    public void Births_carry_names_aliases_exact_datatypes_units_and_current_values_and_data_uses_aliases_with_session_seq()
    {
        _encoder.Encode(0, 0, [new Sample(0, T0, 2.5, Quality.Good), new Sample(1, T0, 12.34, Quality.Good), new Sample(2, T0, -5, Quality.Good)]);
        _node.Will();
        var births = new List<MqttApplicationMessage>();
        _node.OnConnected(births);

        Assert.Equal(new[] { _topics.NodeBirth, _topics.DeviceBirth("plc1"), _topics.DeviceBirth("plc2") }, births.Select(b => b.Topic));
        var dbirth = Decode(births[1]);
        Assert.Equal(1UL, dbirth.Seq);
        var metrics = dbirth.Metrics.ToDictionary(m => m.Name!);
        Assert.Equal((1UL, SparkplugDataType.Float, 2.5), (metrics["pressure"].Alias!.Value, metrics["pressure"].DataType!.Value, metrics["pressure"].Value.Number));
        Assert.Equal("bar", metrics["pressure"].Properties!.Single(p => p.Key == "engUnit").Value.Text);
        Assert.Equal(SparkplugDataType.Double, metrics["amps"].DataType); // scaled uint16 is no longer an integer
        Assert.Equal(12.34, metrics["amps"].Value.Number);
        Assert.Equal(SparkplugDataType.Int16, metrics["delta"].DataType);
        Assert.Equal(0xFFFFFFFBUL, metrics["delta"].Value.Bits);
        var plc2 = Decode(births[2]).Metrics.Single();
        Assert.Equal((SparkplugDataType.Boolean, 1UL), (plc2.DataType!.Value, plc2.Value.Bits));
        Assert.Null(plc2.Properties);

        var output = new List<MqttApplicationMessage>();
        _node.Prepare(Data(0, new Sample(0, T0.AddSeconds(1), 3.5, Quality.Good), new Sample(2, T0, double.NaN, Quality.Bad, "timeout")), backfill: false, output);
        var ddata = Decode(Assert.Single(output));
        Assert.Equal(3UL, ddata.Seq);
        Assert.All(ddata.Metrics, m => Assert.Null(m.Name));
        Assert.Equal(new ulong?[] { 1, 3 }, ddata.Metrics.Select(m => m.Alias));
        Assert.Equal(SparkplugPoint.UnixMs(T0.AddSeconds(1)), ddata.Metrics[0].Timestamp);
        Assert.True(ddata.Metrics[1].IsNull);
    }

    [Fact]
    public void A_device_without_values_is_born_right_before_its_first_data_with_those_values()
    {
        var latest = new SparkplugLatestValues(_table.Points.Count);
        latest.Update([new Sample(3, T0, 1, Quality.Good)]);
        var encoder = new SparkplugTelemetryEncoder(_table, _topics, latest, _clock);
        var node = new SparkplugEdgeNode(_topics, _table, _statuses, latest, _outbox, _clock, "1.2.3", NullLogger.Instance);
        node.Will();
        var output = new List<MqttApplicationMessage>();
        node.OnConnected(output);
        Assert.Equal(new[] { _topics.NodeBirth, _topics.DeviceBirth("plc2") }, output.Select(m => m.Topic));

        output.Clear();
        node.Tick(idle: true, output);
        Assert.Empty(output);
        var seq = _outbox.Add(OutboxKind.Telemetry, "plc1", encoder.Topic(0), encoder.Encode(0, 0, [new Sample(0, T0, 7.5, Quality.Good)]), T0);
        _outbox.Commit();
        node.Prepare(_outbox.Find(seq)!, backfill: false, output);

        Assert.Equal(new[] { _topics.DeviceBirth("plc1"), _topics.DeviceData("plc1") }, output.Select(m => m.Topic));
        var birth = Decode(output[0]).Metrics.ToDictionary(m => m.Name!);
        Assert.Equal(7.5, birth["pressure"].Value.Number);
        Assert.True(birth["amps"].IsNull);
        Assert.Equal(0UL, birth["amps"].Properties!.Single(p => p.Key == "Quality").Value.Bits);
        Assert.Equal(new ulong?[] { 2, 3 }, output.Select(m => Decode(m).Seq));
    }

    [Fact]
    public void Seq_wraps_after_255()
    {
        _node.Will();
        var output = new List<MqttApplicationMessage>();
        _node.OnConnected(output);
        var message = Data(1, new Sample(3, T0, 1, Quality.Good));
        var seqs = new List<ulong>();
        for (var i = 0; i < 300; i++)
        {
            output.Clear();
            _node.Prepare(message, false, output);
            seqs.Add(Decode(output.Single()).Seq!.Value);
        }

        Assert.Equal(3UL, seqs[0]);
        Assert.Equal(255UL, seqs[252]);
        Assert.Equal(0UL, seqs[253]);
        Assert.All(seqs, s => Assert.InRange(s, 0UL, 255UL));
    }

    [Fact]
    public void An_unreachable_device_dies_and_is_born_again_before_its_next_data()
    {
        _node.Will();
        var output = new List<MqttApplicationMessage>();
        _node.OnConnected(output);

        output.Clear();
        _statuses[0].Offline(T0, "connection refused");
        _node.Tick(idle: false, output);
        Assert.Equal(_topics.DeviceDeath("plc1"), Assert.Single(output).Topic);
        Assert.Empty(Decode(output[0]).Metrics);

        output.Clear();
        _node.Tick(idle: true, output);
        Assert.Empty(output);

        // Backlog data of the dead device: a DBIRTH goes first.
        _node.Prepare(Data(0, new Sample(0, T0, 1, Quality.Good)), backfill: true, output);
        Assert.Equal(new[] { _topics.DeviceBirth("plc1"), _topics.DeviceData("plc1") }, output.Select(m => m.Topic));

        // Once caught up (idle) it dies again, as it is still unreachable; when it returns it is born.
        output.Clear();
        _node.Tick(idle: true, output);
        Assert.Equal(_topics.DeviceDeath("plc1"), Assert.Single(output).Topic);
        output.Clear();
        _statuses[0].CycleCompleted(T0, 3, 0, null);
        _node.Tick(idle: false, output);
        Assert.Equal(_topics.DeviceBirth("plc1"), Assert.Single(output).Topic);
    }

    [Fact]
    public void Ncmd_rebirth_republishes_nbirth_with_seq_0_and_the_same_bdseq()
    {
        _node.Will();
        var output = new List<MqttApplicationMessage>();
        _node.OnConnected(output);
        var bdSeq = _node.BdSeq;
        var request = SparkplugPayloadWriter.Write(1, [new SparkplugMetric { Name = SparkplugEdgeNode.RebirthMetric, DataType = SparkplugDataType.Boolean, Value = SparkplugValue.Boolean(true) }], null);

        var commands = new List<CommandEnvelope>();
        Assert.True(_node.Handle(new MqttApplicationMessageBuilder().WithTopic(_topics.NodeCommand).WithPayload(request).Build(), commands));
        Assert.Empty(commands);

        output.Clear();
        _node.Tick(idle: false, output);
        Assert.Equal(_topics.NodeBirth, output[0].Topic);
        var nbirth = Decode(output[0]);
        Assert.Equal(0UL, nbirth.Seq);
        Assert.Equal(bdSeq, nbirth.Metrics.Single(m => m.Name == "bdSeq").Value.Bits);
        Assert.Equal(3, output.Count);
        Assert.Equal(1, _node.Rebirths);
    }

    [Fact]
    public void Dcmd_metrics_become_write_commands_by_name_or_alias_and_garbage_is_ignored()
    {
        var payload = SparkplugPayloadWriter.Write(1,
        [
            new SparkplugMetric { Name = "pressure", DataType = SparkplugDataType.Float, Value = SparkplugValue.Float(4.5f) },
            new SparkplugMetric { Alias = 3, DataType = SparkplugDataType.Int16, Value = SparkplugValue.FromNumber(SparkplugDataType.Int16, -2) },
            new SparkplugMetric { Name = "nope", DataType = SparkplugDataType.Double, Value = SparkplugValue.Double(1) },
        ], null);
        var commands = new List<CommandEnvelope>();

        Assert.True(_node.Handle(new MqttApplicationMessageBuilder().WithTopic("spBv1.0/plant-a/DCMD/gw1/plc1").WithPayload(payload).Build(), commands));

        Assert.Equal(2, commands.Count);
        Assert.All(commands, c => Assert.Equal(("write", "sparkplug:DCMD"), (c.Name, c.Who)));
        var first = JsonDocument.Parse(commands[0].Payload).RootElement;
        Assert.Equal("plc1/pressure", first.GetProperty("point").GetString());
        Assert.Equal(4.5, first.GetProperty("value").GetDouble());
        Assert.Equal(-2, JsonDocument.Parse(commands[1].Payload).RootElement.GetProperty("value").GetDouble());

        commands.Clear();
        Assert.True(_node.Handle(new MqttApplicationMessageBuilder().WithTopic("spBv1.0/plant-a/DCMD/gw1/plc1").WithPayload(Encoding.UTF8.GetBytes("not protobuf at all")).Build(), commands));
        Assert.Empty(commands);
        Assert.False(_node.Handle(new MqttApplicationMessageBuilder().WithTopic("spBv1.0/other/DCMD/gw1/plc1").WithPayload([]).Build(), commands));
    }
}
