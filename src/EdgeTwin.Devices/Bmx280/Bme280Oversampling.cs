namespace EdgeTwin.Devices.Bmx280;

/// <summary>Oversampling of one BME280 measurement (osrs_x field values, datasheet tables 20, 23 and 24).</summary>
public enum Bme280Oversampling : byte
{
    /// <summary>Measurement skipped (output reads 0x80000, or 0x8000 for humidity).</summary>
    Skipped = 0,

    /// <summary>×1.</summary>
    X1 = 1,

    /// <summary>×2.</summary>
    X2 = 2,

    /// <summary>×4.</summary>
    X4 = 3,

    /// <summary>×8.</summary>
    X8 = 4,

    /// <summary>×16.</summary>
    X16 = 5,
}
