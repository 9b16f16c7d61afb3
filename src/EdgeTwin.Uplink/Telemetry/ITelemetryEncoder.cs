using EdgeTwin.Core.Samples;

namespace EdgeTwin.Uplink.Telemetry;

/// <summary>
/// Turns one device's published samples into the outbox message the uplink will send (JSON or Sparkplug B DDATA).
/// Called on the pipeline thread only.
/// </summary>
public interface ITelemetryEncoder
{
    /// <summary>The topic of device <paramref name="device"/>'s telemetry.</summary>
    string Topic(int device);

    /// <summary>The payload carrying <paramref name="samples"/> of device <paramref name="device"/> as message <paramref name="seq"/>.</summary>
    byte[] Encode(long seq, int device, ReadOnlySpan<Sample> samples);
}
