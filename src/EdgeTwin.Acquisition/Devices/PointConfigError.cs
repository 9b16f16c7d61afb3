namespace EdgeTwin.Acquisition.Devices;

/// <summary>A <see cref="SensorConfigError"/> of one point of a device.</summary>
/// <param name="Point">Index of the point in the device's point list.</param>
/// <param name="Error">The problem.</param>
public readonly record struct PointConfigError(int Point, SensorConfigError Error);
