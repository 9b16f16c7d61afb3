namespace EdgeTwin.Devices.Bmx280;

/// <summary>BME280 register addresses (Bosch BME280 datasheet, section 5.3 memory map).</summary>
public enum Bme280Register : byte
{
    /// <summary>First calibration byte, dig_T1 LSB (calib00; 0x88..0xA1 hold calib00..calib25).</summary>
    Calibration00 = 0x88,

    /// <summary>dig_H1 (calib25).</summary>
    CalibrationH1 = 0xA1,

    /// <summary>Chip id, reads 0x60.</summary>
    Id = 0xD0,

    /// <summary>Soft reset: writing 0xB6 resets the device.</summary>
    Reset = 0xE0,

    /// <summary>First humidity calibration byte, dig_H2 LSB (calib26; 0xE1..0xE7 hold calib26..calib32).</summary>
    Calibration26 = 0xE1,

    /// <summary>Humidity oversampling osrs_h[2:0]; takes effect after the next write to ctrl_meas.</summary>
    ControlHumidity = 0xF2,

    /// <summary>Status: bit 3 measuring, bit 0 im_update (NVM copy running).</summary>
    Status = 0xF3,

    /// <summary>osrs_t[7:5], osrs_p[4:2], mode[1:0].</summary>
    ControlMeasurement = 0xF4,

    /// <summary>t_sb[7:5], filter[4:2], spi3w_en[0].</summary>
    Config = 0xF5,

    /// <summary>press_msb; the burst 0xF7..0xFE holds pressure, temperature and humidity.</summary>
    PressureMsb = 0xF7,

    /// <summary>temp_msb.</summary>
    TemperatureMsb = 0xFA,

    /// <summary>hum_msb.</summary>
    HumidityMsb = 0xFD,
}
