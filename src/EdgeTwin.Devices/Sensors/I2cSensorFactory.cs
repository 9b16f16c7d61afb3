using System.Device.I2c;
using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.Sensors;

/// <summary>Creates a driver with default settings for a chip name, for the CLI and simple configurations.</summary>
public static class I2cSensorFactory
{
    /// <summary>Default INA219 shunt of the common breakout boards (R100).</summary>
    public const double DefaultIna219ShuntOhms = 0.1;

    /// <summary>Default INA219 maximum expected current (the 320 mV range across 0.1 Ω).</summary>
    public const double DefaultIna219MaxAmps = 3.2;

    /// <summary>Parses a configuration chip name (<c>bme280</c>, <c>sht3x</c>, <c>sht4x</c>, <c>ads1115</c>, <c>ina219</c>), case-insensitive.</summary>
    public static bool TryParseChip(string? name, out I2cChip chip)
    {
        chip = default;
        return name is not null && Enum.TryParse(name, ignoreCase: true, out chip) && Enum.IsDefined(chip);
    }

    /// <summary>Creates a driver with defaults: BME280 forced ×1, SHT high repeatability, ADS1115 ±4.096 V 128 SPS
    /// (AIN0..AIN3 single-ended), INA219 0.1 Ω / 3.2 A.</summary>
    /// <exception cref="NotSupportedException">The chip is recognised by the scan but has no driver (BMP280).</exception>
    public static II2cSensor Create(I2cChip chip, I2cDevice device, TimeProvider? timeProvider = null) => chip switch
    {
        I2cChip.Bme280 => new Bme280(device, timeProvider: timeProvider),
        I2cChip.Sht3x => new Sht3x(device, timeProvider: timeProvider),
        I2cChip.Sht4x => new Sht4x(device, timeProvider: timeProvider),
        I2cChip.Ads1115 => new Ads1115(device, timeProvider: timeProvider),
        I2cChip.Ina219 => new Ina219(device, new Ina219Settings(Ina219Calibration.ForMaxExpectedCurrent(DefaultIna219ShuntOhms, DefaultIna219MaxAmps)), timeProvider),
        _ => throw new NotSupportedException($"No driver for {chip}."),
    };
}
