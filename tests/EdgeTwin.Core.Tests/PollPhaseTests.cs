using EdgeTwin.Core.Sources;

namespace EdgeTwin.Core.Tests;

public sealed class PollPhaseTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(500)]
    public void Devices_at_one_rate_are_spread_over_the_interval(int devices)
    {
        var interval = TimeSpan.FromSeconds(1);
        var offsets = Enumerable.Range(0, devices).Select(d => PollPhase.Offset(d, interval, null)).Order().ToList();

        Assert.Equal(TimeSpan.Zero, offsets[0]); // the first device stays where it started
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, interval - TimeSpan.FromTicks(1)));
        Assert.Equal(devices, offsets.Distinct().Count());
        // The golden-ratio sequence leaves gaps of at most about 2.6 times the even spacing (three-gap theorem); all
        // devices at the start would leave one gap of the whole interval.
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => b - a).Append(interval - offsets[^1] + offsets[0]);
        Assert.True(gaps.Max() <= interval * 2.7 / devices, $"largest gap {gaps.Max().TotalMilliseconds} ms for {devices} devices");
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
        // Device 3: the fractional part of 3 x 0.618... is 0.854, in whole milliseconds.
        Assert.Equal(TimeSpan.FromMilliseconds(854), PollPhase.Offset(3, TimeSpan.FromSeconds(1), null));
        Assert.Equal(TimeSpan.FromMilliseconds(8541), PollPhase.Offset(3, TimeSpan.FromSeconds(10), null));
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
