using EdgeTwin.Core.Sources;

namespace EdgeTwin.Core.Tests;

public sealed class PollPhaseTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(500)]
    public void Devices_at_one_rate_are_spread_over_the_steps_of_the_interval(int devices)
    {
        var interval = TimeSpan.FromSeconds(1);
        var steps = (int)(interval / PollPhase.Step);
        var offsets = Enumerable.Range(0, devices).Select(d => PollPhase.Offset(d, interval, null)).ToList();

        Assert.Equal(TimeSpan.Zero, offsets[0]); // the first device stays where it started
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, interval - PollPhase.Step));
        Assert.All(offsets, o => Assert.Equal(0, o.Ticks % PollPhase.Step.Ticks));
        var perStep = offsets.GroupBy(o => o).Select(g => g.Count()).ToList();
        if (devices <= 5)
        {
            Assert.Equal(devices, perStep.Count); // few devices: each in a step of its own
        }
        else
        {
            // Many: every step used, none with more than a few devices above an even share (all in one step before).
            Assert.Equal(steps, perStep.Count);
            Assert.True(perStep.Max() <= (devices / steps) + 3, $"{perStep.Max()} devices in one step of {steps} for {devices}");
        }
    }

    [Fact]
    public void Intervals_shorter_than_two_steps_are_not_spread()
    {
        Assert.All(Enumerable.Range(0, 20), d => Assert.Equal(TimeSpan.Zero, PollPhase.Offset(d, TimeSpan.FromMilliseconds(199), null)));
        Assert.Equal(PollPhase.Step, PollPhase.Offset(1, TimeSpan.FromMilliseconds(200), null)); // two steps: 0.618 is in the second
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
        // Device 3: the fractional part of 3 x 0.618... is 0.854: step 8 of 10 at 1 s, step 85 of 100 at 10 s.
        Assert.Equal(TimeSpan.FromMilliseconds(800), PollPhase.Offset(3, TimeSpan.FromSeconds(1), null));
        Assert.Equal(TimeSpan.FromMilliseconds(8500), PollPhase.Offset(3, TimeSpan.FromSeconds(10), null));
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
