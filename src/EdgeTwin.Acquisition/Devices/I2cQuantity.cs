namespace EdgeTwin.Acquisition.Devices;

/// <summary>A quantity an I2C chip measures, selected by a point's <c>measurement</c> key.</summary>
public enum I2cQuantity
{
    /// <summary>Temperature in °C (BME280, SHT3x, SHT4x).</summary>
    Temperature,

    /// <summary>Relative humidity in %RH (BME280, SHT3x, SHT4x).</summary>
    Humidity,

    /// <summary>Pressure in Pa (BME280).</summary>
    Pressure,

    /// <summary>ADS1115 AIN0 against GND, in V.</summary>
    Ain0,

    /// <summary>ADS1115 AIN1 against GND, in V.</summary>
    Ain1,

    /// <summary>ADS1115 AIN2 against GND, in V.</summary>
    Ain2,

    /// <summary>ADS1115 AIN3 against GND, in V.</summary>
    Ain3,

    /// <summary>ADS1115 AIN0 − AIN1, in V.</summary>
    Diff01,

    /// <summary>ADS1115 AIN0 − AIN3, in V.</summary>
    Diff03,

    /// <summary>ADS1115 AIN1 − AIN3, in V.</summary>
    Diff13,

    /// <summary>ADS1115 AIN2 − AIN3, in V.</summary>
    Diff23,

    /// <summary>INA219 bus voltage (IN− to GND), in V.</summary>
    BusVoltage,

    /// <summary>INA219 shunt voltage, in V.</summary>
    ShuntVoltage,

    /// <summary>INA219 current, in A.</summary>
    Current,

    /// <summary>INA219 power, in W.</summary>
    Power,
}
