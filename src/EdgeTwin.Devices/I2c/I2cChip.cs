namespace EdgeTwin.Devices.I2c;

/// <summary>The chips the library drives or recognises on a bus scan.</summary>
public enum I2cChip
{
    /// <summary>Bosch BME280 temperature/humidity/pressure sensor (chip id 0x60).</summary>
    Bme280,

    /// <summary>Bosch BMP280 temperature/pressure sensor (chip id 0x58); recognised by the scan only.</summary>
    Bmp280,

    /// <summary>Sensirion SHT3x (SHT30/31/35) temperature/humidity sensor.</summary>
    Sht3x,

    /// <summary>Sensirion SHT4x (SHT40/41/45) temperature/humidity sensor.</summary>
    Sht4x,

    /// <summary>Texas Instruments ADS1115 16-bit 4-channel ADC.</summary>
    Ads1115,

    /// <summary>Texas Instruments INA219 current/power monitor.</summary>
    Ina219,
}
