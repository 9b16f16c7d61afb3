using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin.Tests;

public sealed class HistoryTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A noisy signal around 20 with a spike and a dip; <paramref name="i"/> counts samples.</summary>
    private static double Signal(int i, int spikeAt) =>
        i == spikeAt ? 95 : i == spikeAt + 1 ? -40 : 20 + Math.Sin(i * 0.37);

    [Theory]
    [InlineData(100)]     // 10 samples/s: 70 minutes are 42,000 samples
    [InlineData(500)]     // the operator page's usual poll: 8,400 samples
    [InlineData(5000)]    // slower than a bucket: every sample is kept
    public void A_span_is_covered_at_any_sample_rate_in_fixed_memory(int periodMs)
    {
        var history = new History(3600, TimeSpan.FromHours(1));
        Assert.InRange((history.BucketWidth - (TimeSpan.FromHours(1) / 1799)).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(1));
        var period = TimeSpan.FromMilliseconds(periodMs);
        var samples = (int)(TimeSpan.FromMinutes(70) / period);
        var spikeAt = samples - (int)(TimeSpan.FromMinutes(40) / period); // 40 minutes before the end
        for (var i = 0; i < samples; i++)
        {
            history.Add(T0 + (i * period), Signal(i, spikeAt));
        }

        var points = history.ToArray();
        var end = T0 + ((samples - 1) * period);
        Assert.True(points.Length <= 3600);
        Assert.True(points[0].Time <= end - TimeSpan.FromHours(1), $"oldest {points[0].Time:O} is within the last hour of {end:O}");
        Assert.InRange(points[^1].Time, end - history.BucketWidth - period, end);
        Assert.Equal(points.Select(p => p.Time).Order(), points.Select(p => p.Time));
        Assert.Contains(points, p => p.Value == 95);
        Assert.Contains(points, p => p.Value == -40);

        // Every bucket's lowest and highest value is what the ring holds for it.
        var width = history.BucketWidth.Ticks;
        var expected = Enumerable.Range(0, samples)
            .Select(i => (Time: T0 + (i * period), Value: Signal(i, spikeAt)))
            .Where(p => p.Time >= points[0].Time)
            .GroupBy(p => p.Time.Ticks / width);
        foreach (var bucket in expected.Skip(1))
        {
            var held = points.Where(p => p.Time.Ticks / width == bucket.Key).Select(p => p.Value).ToArray();
            Assert.InRange(held.Length, 1, 2);
            Assert.Equal(bucket.Min(p => p.Value), held.Min());
            Assert.Equal(bucket.Max(p => p.Value), held.Max());
        }

        if (period > history.BucketWidth)
        {
            Assert.Equal(Math.Min(samples, 3600), points.Length);
        }
    }

    [Fact]
    public void Within_a_bucket_the_extremes_stay_in_time_order()
    {
        var history = new History(8, TimeSpan.FromSeconds(30)); // 3 buckets of 10 s
        history.Add(T0.AddSeconds(0), 5);
        history.Add(T0.AddSeconds(1), 7);
        history.Add(T0.AddSeconds(2), 6);   // between: dropped
        history.Add(T0.AddSeconds(3), 1);   // new low: 7 moves first, 1 last
        history.Add(T0.AddSeconds(4), 9);   // new high beats 7
        Assert.Equal([(T0.AddSeconds(3), 1.0), (T0.AddSeconds(4), 9.0)], history.ToArray());
        history.Add(T0.AddSeconds(10), 4);  // next bucket
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public void Twin_properties_keep_the_last_hour_of_a_fast_point()
    {
        var table = new PointTable(
        [
            new DeviceConfig
            {
                Id = "plc1",
                Poll = TimeSpan.FromMilliseconds(100),
                Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
                Points = [new PointConfig { Id = "t", Unit = "degC" }],
            },
        ]);
        var twin = new TwinEngine(table, [new AssetConfig { Id = "pump1", Properties = new Dictionary<string, string> { ["temperature"] = "plc1/t" } }]);
        var period = TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < 40_000; i++)
        {
            var batch = SampleBatch.Rent(0, T0 + (i * period), 1);
            batch.Add(new Sample(0, T0 + (i * period), 20 + (i % 7), Quality.Good));
            twin.Apply(batch);
            batch.Return();
        }

        var ring = twin.Assets[0].Properties[0].History;
        Assert.Equal(TwinEngine.DefaultHistoryCapacity, ring.Capacity);
        Assert.True(ring[0].Time <= T0 + (39_999 * period) - TwinEngine.DefaultHistorySpan);
    }
}
