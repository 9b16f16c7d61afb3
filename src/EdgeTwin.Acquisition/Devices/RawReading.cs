using EdgeTwin.Core.Samples;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>One point's raw value of a read cycle (before scale and offset), with its quality.</summary>
/// <param name="Value">The raw value in the driver's unit.</param>
/// <param name="Quality">Good, or Uncertain/Bad for a value the chip flags.</param>
/// <param name="Reason">Why the value is bad, for <see cref="Quality.Bad"/>.</param>
internal readonly record struct RawReading(double Value, Quality Quality = Quality.Good, string? Reason = null)
{
    public static RawReading Bad(string reason) => new(double.NaN, Quality.Bad, reason);
}
