namespace EdgeTwin.Simulator.Tests;

public sealed class PumpModelTests
{
    private static PumpModel Run(PumpModel pump, TimeSpan span)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(100))
        {
            pump.Step(TimeSpan.FromMilliseconds(100));
        }

        return pump;
    }

    [Fact]
    public void A_new_pump_at_80_percent_follows_the_affinity_laws_and_the_thermostat_holds_the_temperature()
    {
        var pump = Run(new PumpModel(TimeSpan.FromHours(100)), TimeSpan.FromMinutes(20));
        Assert.InRange(pump.Pressure, 6.0 * 0.64 * 0.95, 6.0 * 0.64 * 1.05);
        Assert.InRange(pump.Flow, 40 * 0.8 * 0.95, 40 * 0.8 * 1.05);
        Assert.InRange(pump.Current, 4 + 16 * 0.512 - 1, 4 + 16 * 0.512 + 1);
        Assert.InRange(pump.Temperature, 38, 50);
        Assert.False(pump.Failed);
    }

    [Fact]
    public void Without_cooling_the_motor_passes_the_trip_temperature()
    {
        var pump = new PumpModel(TimeSpan.FromHours(100)) { CoolingEnabled = false };
        Run(pump, TimeSpan.FromMinutes(30));
        Assert.False(pump.Cooling);
        Assert.True(pump.Temperature > PumpModel.TripTemperature);
    }

    [Fact]
    public void Wear_raises_vibration_and_current_until_the_pump_fails()
    {
        var pump = new PumpModel(TimeSpan.FromMinutes(10), seed: 3);
        Run(pump, TimeSpan.FromMinutes(1));
        var (vibration, current) = (pump.Vibration, pump.Current);
        Run(pump, TimeSpan.FromMinutes(7));
        Assert.True(pump.Wear > 0.5);
        Assert.True(pump.Vibration > vibration + 1);
        Assert.True(pump.Current > current);
        Run(pump, TimeSpan.FromMinutes(10));
        Assert.True(pump.Failed);
        Assert.Equal(0, pump.TrueRemainingSeconds);
        Assert.True(pump.Flow < 1);
    }
}
