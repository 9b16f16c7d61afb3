using EdgeTwin.Core.Configuration;
using EdgeTwin.Twin.Events;

namespace EdgeTwin.Twin.Alarms;

/// <summary>
/// Limit alarms with hysteresis, on-delay and off-delay, latched or not, with acknowledgement. Evaluated on every
/// new value of the watched property; a bad or unknown value neither raises nor clears.
/// </summary>
public static class AlarmEvaluator
{
    /// <summary>Evaluates <paramref name="alarm"/> for <paramref name="value"/> at <paramref name="now"/>, adding events.</summary>
    public static void Evaluate(AlarmState alarm, double value, DateTime now, List<TwinEvent> events)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var c = alarm.Config;
        var violated = (c.High is { } high && value > high) || (c.Low is { } low && value < low);
        var insideWithHysteresis = (c.High is not { } h || value <= h - c.Hysteresis) && (c.Low is not { } l || value >= l + c.Hysteresis);

        if (!alarm.Condition)
        {
            if (!violated)
            {
                alarm.PendingSince = null;
                return;
            }

            alarm.PendingSince ??= now;
            if (now - alarm.PendingSince.Value < c.OnDelay)
            {
                return;
            }

            alarm.Condition = true;
            alarm.ClearingSince = null;
            alarm.Value = value;
            alarm.Limit = c.High is { } hi && value > hi ? "high" : "low";
            if (!alarm.Active)
            {
                alarm.Active = true;
                alarm.Acknowledged = false;
                alarm.RaisedAt = now;
                events.Add(Event("alarmRaised", alarm, now, value));
            }

            return;
        }

        alarm.Value = value;
        if (!insideWithHysteresis)
        {
            alarm.ClearingSince = null;
            return;
        }

        alarm.ClearingSince ??= now;
        if (now - alarm.ClearingSince.Value < c.OffDelay)
        {
            return;
        }

        alarm.Condition = false;
        alarm.PendingSince = null;
        if (!c.Latched || alarm.Acknowledged)
        {
            alarm.Active = false;
            events.Add(Event("alarmCleared", alarm, now, value));
        }
    }

    /// <summary>Acknowledges the alarm; a latched alarm whose condition is gone clears. False when it was not active.</summary>
    public static bool Acknowledge(AlarmState alarm, DateTime now, string? by, List<TwinEvent> events)
    {
        if (!alarm.Active || alarm.Acknowledged)
        {
            return false;
        }

        alarm.Acknowledged = true;
        var fields = Fields(alarm, alarm.Value);
        fields["by"] = by;
        events.Add(new TwinEvent("alarmAcknowledged", alarm.Asset, now, fields));
        if (!alarm.Condition)
        {
            alarm.Active = false;
            events.Add(Event("alarmCleared", alarm, now, alarm.Value));
        }

        return true;
    }

    private static TwinEvent Event(string type, AlarmState alarm, DateTime now, double value) =>
        new(type, alarm.Asset, now, Fields(alarm, value));

    private static Dictionary<string, object?> Fields(AlarmState alarm, double value)
    {
        var c = alarm.Config;
        return new Dictionary<string, object?>
        {
            ["alarm"] = c.Id,
            ["property"] = c.Property,
            ["severity"] = c.Severity,
            ["value"] = value,
            ["limit"] = alarm.Limit == "low" ? c.Low : c.High,
            ["direction"] = alarm.Limit,
            ["latched"] = c.Latched,
        };
    }
}
