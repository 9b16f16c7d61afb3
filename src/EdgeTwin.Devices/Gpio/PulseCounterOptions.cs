namespace EdgeTwin.Devices.Gpio;

/// <summary>A pulse counter on one pin, such as the S0 output of an energy meter or a flow meter's reed contact.</summary>
/// <param name="Pin">GPIO line number on the chip.</param>
/// <param name="Edge">Edges to count.</param>
/// <param name="Pull">Internal bias resistor.</param>
/// <param name="RateWindow">Window of the pulse rate; <see langword="null"/> means 10 s.</param>
public sealed record PulseCounterOptions(int Pin, PulseEdge Edge = PulseEdge.Rising, GpioPull Pull = GpioPull.None, TimeSpan? RateWindow = null)
{
    /// <summary>Default rate window.</summary>
    public static readonly TimeSpan DefaultRateWindow = TimeSpan.FromSeconds(10);

    /// <summary>The effective rate window.</summary>
    public TimeSpan EffectiveRateWindow => RateWindow ?? DefaultRateWindow;

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid option.</summary>
    public void Validate()
    {
        GpioPins.CheckPin(Pin);
        GpioPins.InputMode(Pull);
        if (!Enum.IsDefined(Edge))
        {
            throw new ArgumentOutOfRangeException(nameof(Edge), Edge, "Unknown pulse edge.");
        }

        if (EffectiveRateWindow <= TimeSpan.Zero || EffectiveRateWindow > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RateWindow), RateWindow, "Rate window must be between 0 and 1 h.");
        }
    }
}
