using EdgeTwin.Core.Timing;

namespace EdgeTwin.Core.Tests;

public sealed class WaitsTests
{
    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.034, 1.0)] // a timer of less than a millisecond would fire at once, and the loop would spin
    [InlineData(999.2, 1000.0)]
    [InlineData(1000.0, 1000.0)]
    public void Waits_are_rounded_up_to_whole_milliseconds(double waitMs, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Waits.WholeMilliseconds(Ms(waitMs)));
    }

    [Theory]
    [InlineData(-5.0, 1.0)] // already due: the loop has done the work and looks again a millisecond later
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(99.7, 100.0)]
    public void A_loop_that_must_not_look_again_at_once_waits_at_least_a_millisecond(double waitMs, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Waits.AtLeastOneMillisecond(Ms(waitMs)));
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond));
}
