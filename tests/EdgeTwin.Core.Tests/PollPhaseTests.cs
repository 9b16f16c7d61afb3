using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Core.Tests;

public sealed class PollPhaseTests
{
    // Enough points polled at the interval for every place.
    private const int Many = 100_000;

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(500)]
    public void Devices_at_one_rate_are_spread_over_the_places_of_the_interval(int devices)
    {
        var interval = TimeSpan.FromSeconds(1);
        var spacing = interval / PollPhase.Places;
        var offsets = Enumerable.Range(0, devices).Select(d => PollPhase.Offset(d, interval, null, Many)).ToList();

        Assert.Equal(TimeSpan.Zero, offsets[0]); // the first device stays where it started
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, interval - spacing));
        Assert.All(offsets, o => Assert.Equal(0, o.Ticks % spacing.Ticks));
        var perPlace = offsets.GroupBy(o => o).Select(g => g.Count()).ToList();
        if (devices <= 5)
        {
            Assert.Equal(devices, perPlace.Count); // few devices: each at a place of its own
        }
        else
        {
            // Many: every place used, none with more than a few devices above an even share (all at one before).
            Assert.Equal(PollPhase.Places, perPlace.Count);
            Assert.True(perPlace.Max() <= (devices / PollPhase.Places) + 3, $"{perPlace.Max()} devices at one place for {devices}");
        }
    }

    [Theory]
    [InlineData(1000, 600)] // 10 places 100 ms apart; device 1 at 0.618: place 6
    [InlineData(100, 60)]   // 10 places 10 ms apart
    [InlineData(50, 30)]    // 5 places (10 ms apart at least): place 3
    [InlineData(20, 10)]    // 2 places
    [InlineData(19, 0)]     // shorter than two spacings: not spread
    public void Short_intervals_have_fewer_places_at_least_the_spacing_apart(int intervalMs, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.Offset(1, TimeSpan.FromMilliseconds(intervalMs), null, Many));
    }

    [Theory]
    [InlineData(999, 1, 0)]      // fewer than twice PointsPerPlace: one burst, in step
    [InlineData(1999, 1, 0)]
    [InlineData(2000, 1, 500)]   // 2 places: 0.618 falls in the second half
    [InlineData(5000, 1, 600)]   // 5 places: 0.618 in the fourth (3 of 0-4)
    [InlineData(5000, 3, 800)]   // 0.854: place 4 of 5
    [InlineData(10000, 1, 600)]  // 10 places
    [InlineData(1_000_000, 1, 600)] // never more than Places
    public void The_points_polled_at_an_interval_decide_how_many_places_it_has(int points, int device, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.Offset(device, TimeSpan.FromSeconds(1), null, points));
    }

    [Fact]
    public void The_point_table_counts_the_points_polled_at_each_interval_over_every_device()
    {
        var second = TimeSpan.FromSeconds(1);
        var table = new PointTable(
        [
            new DeviceConfig { Id = "a", Poll = second, Points = Points("p", 1500) },
            new DeviceConfig
            {
                Id = "b",
                Poll = second,
                Points = [.. Points("q", 600), .. Points("fast", 2, TimeSpan.FromMilliseconds(100))],
            },
            new DeviceConfig
            {
                Id = "ua",
                Poll = second,
                Points =
                [
                    new PointConfig { Id = "polled", OpcUa = new OpcUaPointConfig("ns=1;s=A", OpcUaMode.Poll) },
                    new PointConfig { Id = "subscribed", OpcUa = new OpcUaPointConfig("ns=1;s=B") }, // a subscription is not polled
                ],
            },
            new DeviceConfig { Id = "fixed", Poll = second, PollOffset = TimeSpan.FromMilliseconds(250), Points = Points("r", 1) },
        ]);

        Assert.Equal(1500 + 600 + 1 + 1, table.PolledPerInterval(second));
        Assert.Equal(2, table.PolledPerInterval(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(0, table.PolledPerInterval(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), table.PollOffset(1, second)); // 2,102 points: 2 places
        Assert.Equal(TimeSpan.Zero, table.PollOffset(1, TimeSpan.FromMilliseconds(100))); // 2 points: in step
        Assert.Equal(TimeSpan.FromMilliseconds(250), table.PollOffset(3, second)); // configured

        static PointConfig[] Points(string prefix, int count, TimeSpan? poll = null) =>
            Enumerable.Range(0, count).Select(i => new PointConfig { Id = $"{prefix}{i}", Poll = poll }).ToArray();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(250, 250)]
    [InlineData(1250, 250)] // wrapped into the interval
    public void A_configured_offset_is_used_for_every_device(int configuredMs, int expectedMs)
    {
        var interval = TimeSpan.FromSeconds(1);
        foreach (var device in new[] { 0, 1, 7 })
        {
            Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.Offset(device, interval, TimeSpan.FromMilliseconds(configuredMs), 1));
        }
    }

    [Fact]
    public void The_offset_scales_with_the_interval()
    {
        // Device 3: the fractional part of 3 x 0.618... is 0.854: place 8 of 10 at any interval.
        Assert.Equal(TimeSpan.FromMilliseconds(800), PollPhase.Offset(3, TimeSpan.FromSeconds(1), null, Many));
        Assert.Equal(TimeSpan.FromMilliseconds(8000), PollPhase.Offset(3, TimeSpan.FromSeconds(10), null, Many));
        Assert.Equal(TimeSpan.Zero, PollPhase.Offset(3, TimeSpan.Zero, null, Many));
    }
}
