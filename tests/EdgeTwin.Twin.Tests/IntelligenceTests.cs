using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin.Tests;

public sealed class IntelligenceTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _models = Path.Combine(Path.GetTempPath(), "edgetwin-models-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_models))
        {
            Directory.Delete(_models, recursive: true);
        }
    }

    private static PointTable Table() => new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(1),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points = [new PointConfig { Id = "u", Unit = "V" }, new PointConfig { Id = "i", Unit = "A" }],
        },
    ]);

    private static SampleBatch Batch(DateTime t, double u, double i)
    {
        var batch = SampleBatch.Rent(0, t, 2);
        batch.Add(new Sample(0, t, u, Quality.Good));
        batch.Add(new Sample(1, t, i, Quality.Good));
        return batch;
    }

    [Fact]
    public void Derived_properties_follow_their_inputs_with_unit_and_worst_quality()
    {
        var asset = new AssetConfig
        {
            Id = "m1",
            Properties = new Dictionary<string, string> { ["voltage"] = "plc1/u", ["current"] = "plc1/i" },
            Derived = [new DerivedConfig("power", "voltage * current", "W"), new DerivedConfig("kw", "power / 1000", "kW")],
        };
        var twin = new TwinEngine(Table(), [asset]);
        twin.Apply(Batch(T0, 230, 10));
        var m1 = twin.Assets[0];
        Assert.True(m1.TryGetProperty("power", out var power));
        Assert.Equal(2300, power.Value);
        Assert.Equal("W", power.Unit);
        Assert.True(m1.TryGetProperty("kw", out var kw));
        Assert.Equal(2.3, kw.Value, 9);

        var bad = SampleBatch.Rent(0, T0, 1);
        bad.Add(Sample.Bad(1, T0.AddSeconds(1), "timeout"));
        twin.Apply(bad);
        Assert.Equal(Quality.Bad, power.Quality);
        Assert.Equal(Quality.Bad, kw.Quality);
    }

    [Fact]
    public void Alarms_on_derived_properties_raise_events_and_lower_health()
    {
        var asset = new AssetConfig
        {
            Id = "m1",
            Properties = new Dictionary<string, string> { ["voltage"] = "plc1/u", ["current"] = "plc1/i" },
            Derived = [new DerivedConfig("power", "voltage * current", "W")],
            Alarms = [new AlarmConfig("overload", "power", 3000, null, 100, TimeSpan.Zero, TimeSpan.Zero, false, "critical")],
        };
        var twin = new TwinEngine(Table(), [asset]);
        twin.Apply(Batch(T0, 230, 20));
        var events = new List<TwinEvent>();
        twin.DrainEvents(events);
        Assert.Equal("alarmRaised", Assert.Single(events).Type);
        Assert.Equal(50, twin.Assets[0].Health);

        var snapshots = new List<AssetSnapshot>();
        twin.CollectDue(T0, TimeSpan.Zero, snapshots);
        Assert.Equal("overload", Assert.Single(snapshots[0].Alarms).Id);

        Assert.True(twin.Acknowledge("m1/overload", T0.AddSeconds(1), "tech"));
        twin.Apply(Batch(T0.AddSeconds(2), 230, 10));
        events.Clear();
        twin.DrainEvents(events);
        Assert.Equal(["alarmAcknowledged", "alarmCleared"], events.Select(e => e.Type));
        Assert.Equal(100, twin.Assets[0].Health);
    }

    [Fact]
    public async Task The_anomaly_model_learns_on_site_is_saved_as_onnx_and_flags_a_broken_correlation()
    {
        var asset = new AssetConfig
        {
            Id = "m1",
            Properties = new Dictionary<string, string> { ["voltage"] = "plc1/u", ["current"] = "plc1/i" },
            Anomaly = new AnomalyConfig(300, null, ["voltage", "current"]),
        };
        var twin = new TwinEngine(Table(), [asset], modelDirectory: _models);
        var random = new Random(3);
        var t = T0;
        var events = new List<TwinEvent>();
        void Feed(int n, double offset)
        {
            for (var k = 0; k < n; k++)
            {
                var u = 230 + 5 * Math.Sin(k / 20.0) + random.NextDouble() * 0.5;
                twin.Apply(Batch(t, u, u / 23.0 + offset + random.NextDouble() * 0.05));
                t = t.AddSeconds(1);
                twin.DrainEvents(events);
            }
        }

        Feed(300, 0);
        var runner = twin.AnomalyOf("m1")!;
        for (var i = 0; i < 200 && runner.State != "ready"; i++)
        {
            await Task.Delay(20);
            Feed(1, 0);
        }

        Assert.Equal("ready", runner.State);
        Assert.Contains(events, e => e.Type == "learningProgress");
        Assert.Contains(events, e => e.Type == "learningComplete");
        Assert.True(File.Exists(Path.Combine(_models, "m1.anomaly.onnx")));
        Assert.True(File.Exists(Path.Combine(_models, "m1.anomaly.json")));

        Feed(120, 0);
        Assert.False(twin.Assets[0].Models!.Anomalous);

        Feed(120, 3.0);                                     // current no longer follows voltage
        var models = twin.Assets[0].Models!;
        Assert.True(models.Anomalous, $"score {models.AnomalyScore} threshold {models.AnomalyThreshold}");
        Assert.True(models.AnomalyScore > models.AnomalyThreshold);
        Assert.Equal("current", models.Contributions[0].Property);
        Assert.Contains(events, e => e.Type == "anomalyStarted");

        // A restart loads the learned model instead of learning again.
        var again = new TwinEngine(Table(), [asset], modelDirectory: _models);
        Assert.Equal("ready", again.AnomalyOf("m1")!.State);
    }
}
