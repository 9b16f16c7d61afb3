namespace EdgeTwin.Acquisition.Devices;

/// <summary>A value to publish at once: a debounced input edge or a written output.</summary>
/// <param name="Slot">Index of the point in the device's point list.</param>
/// <param name="Raw">The raw value (0/1).</param>
/// <param name="Timestamp">When it happened (UTC).</param>
internal readonly record struct GpioEvent(int Slot, double Raw, DateTime Timestamp);
