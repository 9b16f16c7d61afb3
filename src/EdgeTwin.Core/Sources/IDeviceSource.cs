using EdgeTwin.Core.Points;

namespace EdgeTwin.Core.Sources;

/// <summary>
/// The seam between the gateway and a protocol: one device loop. Implementations own their connection, timeout and
/// back-off, never throw out of <see cref="RunAsync"/> for device faults (they report them as bad samples and in
/// <see cref="Status"/>), and never delay another device.
/// </summary>
public interface IDeviceSource : IAsyncDisposable
{
    /// <summary>Index of the device in the point table.</summary>
    int Device { get; }

    /// <summary>Live health of the device.</summary>
    DeviceStatus Status { get; }

    /// <summary>Runs the device loop until cancelled, writing one batch per poll cycle (or notification burst).</summary>
    Task RunAsync(ISampleSink sink, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="value"/> (engineering units) to <paramref name="point"/>. Authorisation is the caller's
    /// job; this converts to raw, writes, optionally reads back, and throws a protocol exception on failure.
    /// </summary>
    Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default);
}
