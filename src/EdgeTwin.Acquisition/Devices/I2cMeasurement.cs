namespace EdgeTwin.Acquisition.Devices;

/// <summary>A measurement a chip provides: its configuration name, quantity and unit.</summary>
/// <param name="Name">The <c>measurement</c> value in the configuration, e.g. <c>bus_voltage</c>.</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="Unit">Unit of the raw value (before the point's scale and offset).</param>
public sealed record I2cMeasurement(string Name, I2cQuantity Quantity, string Unit);
