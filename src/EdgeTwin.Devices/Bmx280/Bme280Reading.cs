namespace EdgeTwin.Devices.Bmx280;

/// <summary>One compensated BME280 measurement.</summary>
/// <param name="TemperatureCelsius">Temperature in °C (resolution 0.01 °C).</param>
/// <param name="PressurePascal">Pressure in Pa, or <see langword="null"/> when pressure is skipped.</param>
/// <param name="HumidityPercent">Relative humidity in %RH, or <see langword="null"/> when humidity is skipped.</param>
public readonly record struct Bme280Reading(double TemperatureCelsius, double? PressurePascal, double? HumidityPercent);
