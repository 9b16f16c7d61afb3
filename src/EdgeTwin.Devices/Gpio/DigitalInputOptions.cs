namespace EdgeTwin.Devices.Gpio;

/// <summary>A debounced digital input such as a door contact.</summary>
/// <param name="Pin">GPIO line number on the chip (logical numbering).</param>
/// <param name="Pull">Internal bias resistor.</param>
/// <param name="Debounce">
/// How long a new level must stay before it is accepted; shorter pulses (contact bounce) are ignored. Zero reports
/// every edge.
/// </param>
/// <param name="Inverted">Report high as false (for a contact to GND with pull-up, closed = true).</param>
public sealed record DigitalInputOptions(int Pin, GpioPull Pull = GpioPull.None, TimeSpan Debounce = default, bool Inverted = false)
{
    /// <summary>Longest accepted debounce time.</summary>
    public static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid option.</summary>
    public void Validate()
    {
        GpioPins.CheckPin(Pin);
        GpioPins.InputMode(Pull);
        if (Debounce < TimeSpan.Zero || Debounce > MaxDebounce)
        {
            throw new ArgumentOutOfRangeException(nameof(Debounce), Debounce, $"Debounce must be between 0 and {MaxDebounce.TotalSeconds} s.");
        }
    }
}
