using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Devices.Gpio;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// What the GPIO points of one chip may be, and how they map to the drivers: a pin is one input, one output, or
/// one pulse counter that any number of points read as its count (<c>type: counter</c>) or its rate
/// (<c>type: counter</c> with <c>rate: true</c>, held as a float64 point).
/// </summary>
public static class GpioPointRules
{
    /// <summary>Whether a counter point publishes the pulse rate (pulses per second) rather than the count.</summary>
    public static bool IsRate(PointConfig point) =>
        point?.Gpio is { Kind: GpioPointKind.Counter } && point.Type != PointType.Counter;

    /// <summary>
    /// Checks the points of one GPIO device: pins used twice in conflicting ways, counter points of one pin
    /// with different edge or pull, debounce outside inputs or out of range, writable points that are not outputs,
    /// per-point poll intervals.
    /// </summary>
    public static IReadOnlyList<PointConfigError> Check(IReadOnlyList<PointConfig> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var errors = new List<PointConfigError>();
        var firstUse = new Dictionary<int, int>();
        for (int i = 0; i < points.Count; i++)
        {
            PointConfig point = points[i];
            if (point.Gpio is not { } gpio)
            {
                errors.Add(new PointConfigError(i, new SensorConfigError("pin", "the point has no GPIO pin")));
                continue;
            }

            void Error(string key, string message) => errors.Add(new PointConfigError(i, new SensorConfigError(key, message)));

            if (point.Poll is not null)
            {
                Error("poll", "GPIO points are sampled at the device's poll interval (inputs also on every edge); set poll on the device");
            }

            if (gpio.Debounce is { } debounce && gpio.Kind != GpioPointKind.Input)
            {
                Error("debounce", "debounce applies to inputs; counters count every edge (filter a bouncing contact in hardware)");
            }
            else if (gpio.Debounce is { } d && (d < TimeSpan.Zero || d > DigitalInputOptions.MaxDebounce))
            {
                Error("debounce", $"must be between 0 and {DigitalInputOptions.MaxDebounce.TotalSeconds:0} s");
            }

            if (point.Writable is not null && gpio.Kind != GpioPointKind.Output)
            {
                Error("writable", "only outputs (output: true) are writable");
            }

            if (!firstUse.TryGetValue(gpio.Pin, out int first))
            {
                firstUse[gpio.Pin] = i;
                continue;
            }

            GpioPointConfig other = points[first].Gpio!;
            if (gpio.Kind != GpioPointKind.Counter || other.Kind != GpioPointKind.Counter)
            {
                Error("pin", $"pin {gpio.Pin} is already used by point '{points[first].Id}' ({Describe(points[first])}); only counter points may share a pin");
            }
            else if (gpio.Edge != other.Edge || gpio.Pull != other.Pull)
            {
                Error(gpio.Edge != other.Edge ? "edge" : "pull", $"pin {gpio.Pin} is counted by point '{points[first].Id}' with edge {other.Edge}, pull {other.Pull}; points of one counter must agree");
            }
        }

        return errors;
    }

    internal static GpioPull Pull(string pull) => pull.ToLowerInvariant() switch
    {
        "up" => GpioPull.Up,
        "down" => GpioPull.Down,
        _ => GpioPull.None,
    };

    internal static PulseEdge Edge(string edge) => edge.ToLowerInvariant() switch
    {
        "falling" => PulseEdge.Falling,
        "both" => PulseEdge.Both,
        _ => PulseEdge.Rising,
    };

    private static string Describe(PointConfig point) => point.Gpio!.Kind switch
    {
        GpioPointKind.Input => "input",
        GpioPointKind.Output => "output",
        _ => IsRate(point) ? "counter rate" : "counter",
    };
}
