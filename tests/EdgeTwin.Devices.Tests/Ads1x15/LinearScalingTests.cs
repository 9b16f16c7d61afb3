using EdgeTwin.Devices.Scaling;

namespace EdgeTwin.Devices.Tests.Ads1x15;

public sealed class LinearScalingTests
{
    [Fact]
    public void Scale_and_offset_are_applied()
    {
        Assert.Equal(7.0, new LinearScaling(2, 1).Apply(3));
        Assert.Equal(3.0, LinearScaling.Identity.Apply(3));
    }

    [Fact]
    public void Two_points_define_the_line()
    {
        LinearScaling s = LinearScaling.FromTwoPoints(0, 0, 10, 150); // 0–10 V → 0–150 m³/h

        Assert.Equal(15.0, s.Scale);
        Assert.Equal(75.0, s.Apply(5), 9);
    }

    [Fact]
    public void Current_loop_on_150_ohm_maps_0_6_to_3_volts()
    {
        LinearScaling s = LinearScaling.CurrentLoop(150, -20, 80); // a -20..80 °C transmitter

        Assert.Equal(-20.0, s.Apply(0.6), 9);
        Assert.Equal(80.0, s.Apply(3.0), 9);
        Assert.Equal(30.0, s.Apply(1.8), 9);
    }

    [Fact]
    public void Degenerate_definitions_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LinearScaling.FromTwoPoints(1, 0, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearScaling.CurrentLoop(0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearScaling.CurrentLoop(double.NaN, 0, 10));
    }
}
