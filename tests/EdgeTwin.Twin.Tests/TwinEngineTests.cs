using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;
using EdgeTwin.Twin.Telemetry;

namespace EdgeTwin.Twin.Tests;

public sealed class TwinEngineTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static PointTable Table(Deadband? deadband = null, TimeSpan? publishEvery = null) => new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(1),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points =
            [
                new PointConfig { Id = "p", Unit = "bar", Deadband = deadband, PublishEvery = publishEvery },
                new PointConfig { Id = "i", Unit = "A" },
            ],
        },
    ]);

    private static readonly AssetConfig Pump = new()
    {
        Id = "pump1",
        Type = "pump",
        Properties = new Dictionary<string, string> { ["pressure"] = "plc1/p", ["current"] = "plc1/i" },
    };

    private static SampleBatch Batch(params Sample[] samples)
    {
        var batch = SampleBatch.Rent(0, samples.Length == 0 ? T0 : samples[0].Timestamp, samples.Length);
        foreach (var s in samples)
        {
            batch.Add(s);
        }

        return batch;
    }

    [Fact]
    public void An_asset_is_initializing_until_every_property_arrived_then_synchronized()
    {
        var twin = new TwinEngine(Table(), [Pump]);
        twin.Apply(Batch(new Sample(0, T0, 2.5, Quality.Good)));
        twin.Tick(T0);
        Assert.Equal(TwinStatus.Initializing, twin.Assets[0].Status);

        twin.Apply(Batch(new Sample(1, T0, 12.3, Quality.Good)));
        twin.Tick(T0);
        var asset = twin.Assets[0];
        Assert.Equal(TwinStatus.Synchronized, asset.Status);
        Assert.Equal(1.0, asset.Confidence);
        Assert.True(asset.TryGetProperty("current", out var current));
        Assert.Equal(12.3, current.Value);
        Assert.Equal("A", current.Unit);
    }

    [Fact]
    public void A_value_older_than_three_poll_intervals_turns_stale_and_confidence_falls()
    {
        var twin = new TwinEngine(Table(), [Pump]);
        twin.Apply(Batch(new Sample(0, T0, 2.5, Quality.Good), new Sample(1, T0, 10, Quality.Good)));
        twin.Tick(T0 + TimeSpan.FromSeconds(3));
        Assert.Equal(TwinStatus.Synchronized, twin.Assets[0].Status);

        twin.Tick(T0 + TimeSpan.FromSeconds(3.5));
        Assert.Equal(TwinStatus.Stale, twin.Assets[0].Status);
        Assert.True(twin.Assets[0].Confidence < 1.0);
        Assert.Equal(Quality.Stale, twin.Assets[0].Properties[0].Quality);
    }

    [Fact]
    public void A_fast_poll_against_a_slow_device_stays_fresh_while_an_answer_may_still_come()
    {
        // Poll 100 ms, timeout 2 s, no retry: a value is fresh for 100 ms + 2 s, not just 3 × 100 ms.
        var table = new PointTable(
        [
            new DeviceConfig
            {
                Id = "plc1",
                Poll = TimeSpan.FromMilliseconds(100),
                Timeout = TimeSpan.FromSeconds(2),
                Retries = 0,
                Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
                Points = [new PointConfig { Id = "p" }, new PointConfig { Id = "i" }],
            },
        ]);
        Assert.Equal(TimeSpan.FromMilliseconds(2100), TwinEngine.FreshnessLimit(table.Points[0], table.Devices[0]));

        var twin = new TwinEngine(table, [Pump]);
        twin.Apply(Batch(new Sample(0, T0, 2.5, Quality.Good), new Sample(1, T0, 10, Quality.Good)));
        twin.Tick(T0 + TimeSpan.FromSeconds(2));
        Assert.Equal(TwinStatus.Synchronized, twin.Assets[0].Status);
        twin.Tick(T0 + TimeSpan.FromSeconds(2.2));
        Assert.Equal(TwinStatus.Stale, twin.Assets[0].Status);
    }

    [Fact]
    public void A_bad_property_puts_the_asset_in_error_and_snapshots_carry_the_reason()
    {
        var twin = new TwinEngine(Table(), [Pump]);
        twin.Apply(Batch(new Sample(0, T0, 2.5, Quality.Good), Sample.Bad(1, T0, "Modbus exception 2")));
        twin.Tick(T0);
        Assert.Equal(TwinStatus.Error, twin.Assets[0].Status);

        var snapshots = new List<AssetSnapshot>();
        Assert.Equal(1, twin.CollectDue(T0, TimeSpan.FromSeconds(1), snapshots));
        Assert.Equal("Modbus exception 2", snapshots[0].Properties[1].Text);
        Assert.Same(snapshots[0], twin.Assets[0].Latest);
    }

    [Fact]
    public void Twin_publication_is_on_change_and_rate_limited()
    {
        var twin = new TwinEngine(Table(), [Pump]);
        var output = new List<AssetSnapshot>();
        twin.Apply(Batch(new Sample(0, T0, 1, Quality.Good), new Sample(1, T0, 1, Quality.Good)));
        twin.Tick(T0);
        Assert.Equal(1, twin.CollectDue(T0, TimeSpan.FromSeconds(1), output));

        // Same values again: nothing to publish.
        twin.Apply(Batch(new Sample(0, T0.AddSeconds(2), 1, Quality.Good)));
        Assert.Equal(0, twin.CollectDue(T0.AddSeconds(2), TimeSpan.FromSeconds(1), output));

        // A change within the rate limit waits, then goes out.
        twin.Apply(Batch(new Sample(0, T0.AddSeconds(2.2), 2, Quality.Good)));
        Assert.Equal(0, twin.CollectDue(T0.AddSeconds(2.2) - TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1), output));
        Assert.Equal(1, twin.CollectDue(T0.AddSeconds(2.2), TimeSpan.FromSeconds(1), output));
        Assert.Equal(2, output[^1].Properties[0].Value);
    }

    [Fact]
    public void History_keeps_recent_good_values_oldest_first()
    {
        var twin = new TwinEngine(Table(), [Pump], historyCapacity: 3, historySpan: TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            twin.Apply(Batch(new Sample(0, T0.AddSeconds(i), i, Quality.Good)));
        }

        twin.Apply(Batch(Sample.Bad(0, T0.AddSeconds(6), "timeout")));
        var history = twin.Assets[0].Properties[0].History.ToArray();
        Assert.Equal(new double[] { 2, 3, 4 }, history.Select(h => h.Value));
    }

    [Fact]
    public void Deadband_suppresses_small_changes_until_the_heartbeat()
    {
        var table = Table(new Deadband(0.5, Percent: false), TimeSpan.FromSeconds(10));
        var filter = new TelemetryFilter(table);
        int Kept(double value, double seconds, Quality q = Quality.Good) => filter.Apply(Batch(new Sample(0, T0.AddSeconds(seconds), value, q)));

        Assert.Equal(1, Kept(10.0, 0));    // first value always
        Assert.Equal(0, Kept(10.3, 1));    // within deadband
        Assert.Equal(1, Kept(10.6, 2));    // beyond it (from the last published 10.0)
        Assert.Equal(0, Kept(10.7, 3));
        Assert.Equal(1, Kept(10.7, 12.5)); // heartbeat
        Assert.Equal(1, Kept(10.7, 13, Quality.Bad)); // quality change always
    }

    [Fact]
    public void Percent_deadband_is_relative_to_the_last_published_value()
    {
        var filter = new TelemetryFilter(Table(new Deadband(2, Percent: true)));
        int Kept(double value) => filter.Apply(Batch(new Sample(0, T0, value, Quality.Good)));
        Assert.Equal(1, Kept(100));
        Assert.Equal(0, Kept(101.9));
        Assert.Equal(1, Kept(102.1));
    }

    [Fact]
    public void Points_without_deadband_are_always_published()
    {
        var filter = new TelemetryFilter(Table());
        var batch = Batch(new Sample(1, T0, 5, Quality.Good), new Sample(1, T0.AddSeconds(1), 5, Quality.Good));
        Assert.Equal(2, filter.Apply(batch));
    }
}
