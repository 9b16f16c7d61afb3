using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;

namespace EdgeTwin.Core.Tests;

public sealed class CoreTests
{
    [Fact]
    public void A_batch_grows_beyond_its_rented_size_and_truncates_in_place()
    {
        var batch = SampleBatch.Rent(3, DateTime.UnixEpoch, 16);
        for (var i = 0; i < 40; i++)
        {
            batch.Add(new Sample(i, DateTime.UnixEpoch, i, Quality.Good));
        }

        Assert.Equal(40, batch.Count);
        Assert.Equal(3, batch.Device);
        Assert.Equal(39, batch.Samples[39].Value);
        batch.Truncate(5);
        Assert.Equal(5, batch.Samples.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Truncate(6));
        batch.Return();
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Batches_returned_beyond_what_the_pool_keeps_leave_every_later_batch_usable()
    {
        // More batches in flight at once than the pool keeps: the extra ones give their buffers away when returned.
        var inFlight = Enumerable.Range(0, 200).Select(i => SampleBatch.Rent(i, DateTime.UnixEpoch, 1000)).ToList();
        foreach (var batch in inFlight)
        {
            batch.Add(new Sample(batch.Device, DateTime.UnixEpoch, batch.Device, Quality.Good));
            batch.Return();
        }

        for (var round = 0; round < 200; round++)
        {
            var batch = SampleBatch.Rent(7, DateTime.UnixEpoch, 1000);
            Assert.Equal(0, batch.Count);
            for (var i = 0; i < 1000; i++)
            {
                batch.Add(new Sample(i, DateTime.UnixEpoch, round, Quality.Good));
            }

            Assert.Equal(1000, batch.Samples.Length);
            Assert.Equal(round, batch.Samples[999].Value);
            inFlight[round] = batch;
        }

        inFlight.ForEach(b => b.Return());
    }

    [Theory]
    [InlineData(10.0, 10.4, 0.5, false, false)]
    [InlineData(10.0, 10.6, 0.5, false, true)]
    [InlineData(100.0, 101.9, 2.0, true, false)]
    [InlineData(100.0, 102.1, 2.0, true, true)]
    [InlineData(double.NaN, 1.0, 0.5, false, true)]
    public void Deadband_absolute_and_percent(double last, double now, double band, bool percent, bool exceeded) =>
        Assert.Equal(exceeded, new Deadband(band, percent).Exceeded(last, now));

    [Fact]
    public void The_point_table_indexes_points_in_configuration_order_and_finds_them_by_key()
    {
        var table = new PointTable(
        [
            new DeviceConfig { Id = "a", Points = [new PointConfig { Id = "x" }, new PointConfig { Id = "y" }] },
            new DeviceConfig { Id = "b", Points = [new PointConfig { Id = "x" }] },
        ]);
        Assert.Equal(3, table.Points.Count);
        Assert.True(table.TryGet("b/x", out var bx));
        Assert.Equal(2, bx.Index);
        Assert.Equal(1, bx.Device);
        Assert.Equal(["a/x", "a/y"], table.PointsOf(0).Select(p => p.Key));
        Assert.Equal(1, table.DeviceIndex("b"));
        Assert.Equal(-1, table.DeviceIndex("c"));
        Assert.False(table.TryGet("a/z", out _));
    }

    [Fact]
    public void Engineering_conversion_round_trips()
    {
        var point = new PointConfig { Id = "p", Scale = 0.01, Offset = -40 };
        Assert.Equal(-27.66, point.ToEngineering(1234), 9);
        Assert.Equal(1234, point.ToRaw(point.ToEngineering(1234)), 9);
    }

    [Fact]
    public void Device_status_tracks_cycles_errors_and_state()
    {
        var status = new Sources.DeviceStatus("plc1");
        var now = DateTime.UtcNow;
        status.CycleCompleted(now, samples: 10, badPoints: 0, error: null);
        Assert.Equal(Sources.DeviceState.Online, status.State);
        status.CountError(timeout: true);
        status.CycleCompleted(now, samples: 10, badPoints: 2, error: "timeout");
        Assert.Equal(Sources.DeviceState.Degraded, status.State);
        status.Offline(now, "connection refused");
        Assert.Equal(Sources.DeviceState.Offline, status.State);
        Assert.Equal((2L, 20L, 1L, 1L), (status.Polls, status.Samples, status.Errors, status.Timeouts));
        Assert.Equal("connection refused", status.LastError);
    }
}
