using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Tests;

public sealed class WhatIfTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static readonly PointTable Table = new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(10),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points = [new PointConfig { Id = "t", Unit = "degC" }, new PointConfig { Id = "fan", Type = PointType.Bool }, new PointConfig { Id = "i", Unit = "A" }],
        },
    ]);

    private static readonly AssetConfig Motor = new()
    {
        Id = "motor",
        Properties = new Dictionary<string, string> { ["temperature"] = "plc1/t", ["fan"] = "plc1/fan", ["current"] = "plc1/i" },
        Alarms = [new AlarmConfig("trip", "temperature", 80, null, 2, TimeSpan.Zero, TimeSpan.Zero, false, "critical")],
        Dynamics = new DynamicsConfig(["fan", "current"], ["temperature"], TimeSpan.FromSeconds(10), 0.999),
    };

    /// <summary>
    /// A motor whose fan is switched by a thermostat (on above 50 °C, off below 44 °C): first-order heating ~ I² and
    /// cooling ~ (T - 25) with the fan far stronger. Returns the twin after <paramref name="steps"/> 10 s steps.
    /// </summary>
    private static (TwinEngine Twin, double Temperature) Run(int steps, double current = 12)
    {
        var twin = new TwinEngine(Table, [Motor]);
        var random = new Random(5);
        double t = 47;
        var fan = true;
        for (var k = 0; k < steps; k++)
        {
            var i = current + random.NextDouble() * 0.4 - 0.2;
            var batch = SampleBatch.Rent(0, T0.AddSeconds(10 * k), 3);
            batch.Add(new Sample(0, batch.CycleTime, t + random.NextDouble() * 0.05, Quality.Good));
            batch.Add(new Sample(1, batch.CycleTime, fan ? 1 : 0, Quality.Good));
            batch.Add(new Sample(2, batch.CycleTime, i, Quality.Good));
            twin.Apply(batch);
            batch.Return();
            t = Step(t, fan, i);
            fan = fan ? t > 44 : t > 50;
        }

        return (twin, t);
    }

    private static double Step(double t, bool fan, double current) =>
        t + 10 * (0.9 * current * current - (fan ? 8 : 1.5) * (t - 25)) / 900;

    [Fact]
    public void Without_enough_data_the_answer_says_why()
    {
        var (twin, _) = Run(1);
        var ex = Assert.Throws<WhatIfException>(() => twin.Simulate("motor", new WhatIfRequest(new Dictionary<string, string>(), TimeSpan.FromHours(1))));
        Assert.Contains("no identified dynamics yet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown asset 'pump9'", Assert.Throws<WhatIfException>(() => twin.Simulate("pump9", new WhatIfRequest(new Dictionary<string, string>(), TimeSpan.FromHours(1)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cooling_failure_predicts_the_time_to_the_trip_limit_close_to_the_physics()
    {
        var (twin, start) = Run(2000);
        var result = twin.Simulate("motor", new WhatIfRequest(new Dictionary<string, string> { ["fan"] = "0" }, TimeSpan.FromHours(2), TimeSpan.FromMinutes(1)));

        // The true time to 80 °C with the fan off, from the same start.
        var t = start;
        var seconds = 0;
        while (t <= 80)
        {
            t = Step(t, fan: false, 12);
            seconds += 10;
        }

        var crossing = Assert.Single(result.Crossings);
        Assert.Equal("trip", crossing.Alarm);
        Assert.NotNull(crossing.After);
        Assert.InRange(crossing.After!.Value.TotalSeconds, seconds * 0.6, seconds * 1.4);
        Assert.Equal(120, result.Times.Length);
        Assert.Equal(60, result.Step.TotalSeconds);
        Assert.True(result.Outputs["temperature"][^1] > 80);
        Assert.All(result.Inputs["fan"], v => Assert.Equal(0, v));
        Assert.True(result.Fit["temperature"] > 0.9);
    }

    [Fact]
    public void With_the_fan_running_no_limit_is_crossed_and_relative_overrides_apply()
    {
        var (twin, _) = Run(2000);
        var normal = twin.Simulate("motor", new WhatIfRequest(new Dictionary<string, string> { ["fan"] = "1" }, TimeSpan.FromHours(1)));
        Assert.Null(Assert.Single(normal.Crossings).After);

        var more = twin.Simulate("motor", new WhatIfRequest(new Dictionary<string, string> { ["current"] = "+20%", ["temperature"] = "50", ["speed"] = "3" }, TimeSpan.FromMinutes(10)));
        Assert.InRange(more.Inputs["current"][0], 12 * 1.2 - 0.5, 12 * 1.2 + 0.5);
        Assert.Equal(2, more.Notes.Count);
        Assert.Contains("predicted by the model", more.Notes[0], StringComparison.Ordinal);
        Assert.Contains("'speed' is not an input", more.Notes[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, "+20%", 120)]
    [InlineData(100, "-5%", 95)]
    [InlineData(100, "+3", 103)]
    [InlineData(100, "-3", 97)]
    [InlineData(100, "42", 42)]
    public void Override_syntax(double current, string change, double expected) =>
        Assert.Equal(expected, DynamicsRunner.Apply(current, change, "x"), 9);

    [Fact]
    public void A_bad_override_is_a_clear_error() =>
        Assert.Contains("'lots' is not a number", Assert.Throws<WhatIfException>(() => DynamicsRunner.Apply(1, "lots", "current")).Message, StringComparison.Ordinal);
}
