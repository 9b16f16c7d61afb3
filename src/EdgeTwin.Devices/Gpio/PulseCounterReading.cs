namespace EdgeTwin.Devices.Gpio;

/// <summary>A pulse counter snapshot.</summary>
/// <param name="Count">Total edges counted since the counter was opened (monotonic).</param>
/// <param name="RatePerSecond">Counted edges per second over the rate window (or since opening, if shorter).</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
public readonly record struct PulseCounterReading(long Count, double RatePerSecond, DateTimeOffset Timestamp);
