namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// One problem in the sensor part of a device or point configuration: the key it concerns and what is wrong.
/// The gateway's configuration reader turns it into a <c>FILE:LINE:COL: key: message</c> line.
/// </summary>
/// <param name="Key">The configuration key, e.g. <c>gain</c> or <c>measurement</c>.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public readonly record struct SensorConfigError(string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Message}";
}
