namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// A sensor device cannot start because its configuration is invalid (unknown chip, bad setting value, a
/// measurement the chip does not provide, conflicting GPIO pins). Thrown by the source constructors; the
/// configuration reader reports the same problems with file positions before a source is ever built.
/// </summary>
public sealed class SensorConfigurationException : Exception
{
    /// <summary>Creates the exception for device <paramref name="deviceId"/>.</summary>
    public SensorConfigurationException(string deviceId, IReadOnlyList<SensorConfigError> errors)
        : base($"device '{deviceId}': " + string.Join("; ", errors))
    {
        DeviceId = deviceId;
        Errors = errors;
    }

    /// <summary>The device whose configuration is invalid.</summary>
    public string DeviceId { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SensorConfigError> Errors { get; }
}
