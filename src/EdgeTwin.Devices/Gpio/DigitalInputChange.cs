namespace EdgeTwin.Devices.Gpio;

/// <summary>A debounced change of a digital input.</summary>
/// <param name="Pin">The GPIO line.</param>
/// <param name="Value">The new logical value (after inversion).</param>
/// <param name="Timestamp">When the edge that started the now-stable level was seen.</param>
public readonly record struct DigitalInputChange(int Pin, bool Value, DateTimeOffset Timestamp);
