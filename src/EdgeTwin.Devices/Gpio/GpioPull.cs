namespace EdgeTwin.Devices.Gpio;

/// <summary>Internal bias resistor of an input pin.</summary>
public enum GpioPull
{
    /// <summary>No pull resistor (external pull or driven signal).</summary>
    None,

    /// <summary>Pull-up: an open contact reads high, a closed contact to GND reads low.</summary>
    Up,

    /// <summary>Pull-down: an open contact reads low.</summary>
    Down,
}
