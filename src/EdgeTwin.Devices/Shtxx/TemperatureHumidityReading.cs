namespace EdgeTwin.Devices.Shtxx;

/// <summary>One temperature and humidity measurement of a Sensirion sensor.</summary>
/// <param name="TemperatureCelsius">Temperature in °C.</param>
/// <param name="HumidityPercent">Relative humidity in %RH (0..100).</param>
/// <param name="RawTemperature">The raw 16-bit temperature word S_T.</param>
/// <param name="RawHumidity">The raw 16-bit humidity word S_RH.</param>
public readonly record struct TemperatureHumidityReading(
    double TemperatureCelsius, double HumidityPercent, ushort RawTemperature, ushort RawHumidity);
