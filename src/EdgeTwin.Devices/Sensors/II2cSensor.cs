using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Devices.Sensors;

/// <summary>
/// The common face of the I2C drivers: one reading as named values. Each driver also has a typed
/// <c>ReadAsync</c>; this seam serves configuration-driven callers (<c>chip: bme280</c>) and the CLI.
/// </summary>
public interface II2cSensor
{
    /// <summary>The chip driven.</summary>
    I2cChip Chip { get; }

    /// <summary>Reads once; values that the configuration skips are left out.</summary>
    /// <exception cref="I2cDeviceException">Bus, identity, CRC or busy fault; the next call retries from scratch.</exception>
    ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default);
}
