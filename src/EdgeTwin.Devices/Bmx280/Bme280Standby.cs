namespace EdgeTwin.Devices.Bmx280;

/// <summary>Inactive time between normal-mode measurements (config t_sb[2:0], BME280 datasheet table 27).</summary>
public enum Bme280Standby : byte
{
    /// <summary>0.5 ms.</summary>
    Ms0_5 = 0,

    /// <summary>62.5 ms.</summary>
    Ms62_5 = 1,

    /// <summary>125 ms.</summary>
    Ms125 = 2,

    /// <summary>250 ms.</summary>
    Ms250 = 3,

    /// <summary>500 ms.</summary>
    Ms500 = 4,

    /// <summary>1000 ms.</summary>
    Ms1000 = 5,

    /// <summary>10 ms (BME280 only; 2000 ms on a BMP280).</summary>
    Ms10 = 6,

    /// <summary>20 ms (BME280 only; 4000 ms on a BMP280).</summary>
    Ms20 = 7,
}
