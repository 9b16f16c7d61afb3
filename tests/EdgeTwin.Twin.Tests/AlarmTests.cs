using EdgeTwin.Core.Configuration;
using EdgeTwin.Twin.Alarms;
using EdgeTwin.Twin.Events;

namespace EdgeTwin.Twin.Tests;

public sealed class AlarmTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static (AlarmState Alarm, List<TwinEvent> Events, Action<double, double> Feed) Make(AlarmConfig config)
    {
        var alarm = new AlarmState("pump1", config);
        var events = new List<TwinEvent>();
        return (alarm, events, (value, seconds) => AlarmEvaluator.Evaluate(alarm, value, T0.AddSeconds(seconds), events));
    }

    [Fact]
    public void High_limit_with_on_delay_hysteresis_and_off_delay()
    {
        var (alarm, events, feed) = Make(new AlarmConfig("hot", "temperature", 95, null, 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), false, "critical"));

        feed(96, 0);
        feed(96, 1.5);
        Assert.False(alarm.Active);                         // on-delay not elapsed
        feed(96, 2.0);
        Assert.True(alarm.Active);
        Assert.Equal("alarmRaised", Assert.Single(events).Type);
        Assert.Equal(95.0, events[0].Fields["limit"]);

        feed(94, 3);                                        // inside the limit but not by the hysteresis
        feed(92.5, 4);                                      // clear starts
        feed(92.5, 6.9);
        Assert.True(alarm.Active);                          // off-delay not elapsed
        feed(92.5, 7.0);
        Assert.False(alarm.Active);
        Assert.Equal(["alarmRaised", "alarmCleared"], events.Select(e => e.Type));
    }

    [Fact]
    public void A_short_excursion_below_the_on_delay_raises_nothing()
    {
        var (alarm, events, feed) = Make(new AlarmConfig("hot", "temperature", 95, null, 0, TimeSpan.FromSeconds(5), TimeSpan.Zero, false));
        feed(99, 0);
        feed(99, 4);
        feed(90, 4.5);
        feed(99, 5);
        feed(99, 9.9);
        Assert.False(alarm.Active);
        Assert.Empty(events);
    }

    [Fact]
    public void Low_limit()
    {
        var (alarm, _, feed) = Make(new AlarmConfig("dry", "pressure", null, 1.0, 0.2, TimeSpan.Zero, TimeSpan.Zero, false));
        feed(0.5, 0);
        Assert.True(alarm.Active);
        Assert.Equal("low", alarm.Limit);
        feed(1.1, 1);
        Assert.True(alarm.Active);
        feed(1.3, 2);
        Assert.False(alarm.Active);
    }

    [Fact]
    public void A_latched_alarm_stays_until_acknowledged_and_acknowledging_an_active_condition_keeps_it()
    {
        var (alarm, events, feed) = Make(new AlarmConfig("vib", "vibration", 7, null, 0, TimeSpan.Zero, TimeSpan.Zero, true));
        feed(8, 0);
        feed(5, 1);
        Assert.True(alarm.Active);                          // latched: condition gone, alarm stays
        Assert.False(alarm.Condition);

        Assert.True(AlarmEvaluator.Acknowledge(alarm, T0.AddSeconds(2), "tech", events));
        Assert.False(alarm.Active);
        Assert.Equal(["alarmRaised", "alarmAcknowledged", "alarmCleared"], events.Select(e => e.Type));
        Assert.Equal("tech", events[1].Fields["by"]);
        Assert.False(AlarmEvaluator.Acknowledge(alarm, T0.AddSeconds(3), "tech", events));

        feed(9, 4);                                         // raised again, acknowledged while still violated
        Assert.True(AlarmEvaluator.Acknowledge(alarm, T0.AddSeconds(5), "tech", events));
        Assert.True(alarm.Active);
        feed(5, 6);
        Assert.False(alarm.Active);                         // acknowledged latched alarm clears with its condition
    }

    [Fact]
    public void Unknown_values_neither_raise_nor_clear()
    {
        var (alarm, events, feed) = Make(new AlarmConfig("hot", "t", 10, null, 0, TimeSpan.Zero, TimeSpan.Zero, false));
        feed(double.NaN, 0);
        Assert.False(alarm.Active);
        feed(11, 1);
        feed(double.NaN, 2);
        Assert.True(alarm.Active);
        Assert.Single(events);
    }
}
