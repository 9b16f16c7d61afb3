using EdgeTwin.Core.Sources;

namespace EdgeTwin.Core.Tests;

public sealed class PollPhaseTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(500)]
    public void Devices_at_one_rate_are_spread_over_the_places_of_the_interval(int devices)
    {
        var interval = TimeSpan.FromSeconds(1);
        var spacing = interval / PollPhase.Places;
        var offsets = Enumerable.Range(0, devices).Select(d => PollPhase.Offset(d, interval, null)).ToList();

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
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.Offset(1, TimeSpan.FromMilliseconds(intervalMs), null));
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
            Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.Offset(device, interval, TimeSpan.FromMilliseconds(configuredMs)));
        }
    }

    [Fact]
    public void The_offset_scales_with_the_interval()
    {
        // Device 3: the fractional part of 3 x 0.618... is 0.854: place 8 of 10 at any interval.
        Assert.Equal(TimeSpan.FromMilliseconds(800), PollPhase.Offset(3, TimeSpan.FromSeconds(1), null));
        Assert.Equal(TimeSpan.FromMilliseconds(8000), PollPhase.Offset(3, TimeSpan.FromSeconds(10), null));
        Assert.Equal(TimeSpan.Zero, PollPhase.Offset(3, TimeSpan.Zero, null));
    }

    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.034, 1.0)] // a timer of less than a millisecond would fire at once, and the loop would spin
    [InlineData(999.2, 1000.0)]
    [InlineData(1000.0, 1000.0)]
    public void Waits_are_rounded_up_to_whole_milliseconds(double waitMs, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPhase.WholeMilliseconds(TimeSpan.FromTicks((long)(waitMs * TimeSpan.TicksPerMillisecond))));
    }
}
