namespace EdgeTwin.Devices.Shtxx;

/// <summary>SHT4x single-byte commands (SHT4x datasheet, section 4.5, table 7).</summary>
public enum Sht4xCommand : byte
{
    /// <summary>Measure T and RH with high precision.</summary>
    MeasureHighPrecision = 0xFD,

    /// <summary>Measure T and RH with medium precision.</summary>
    MeasureMediumPrecision = 0xF6,

    /// <summary>Measure T and RH with low precision.</summary>
    MeasureLowPrecision = 0xE0,

    /// <summary>Read the 32-bit serial number (two words with CRC).</summary>
    ReadSerialNumber = 0x89,

    /// <summary>Soft reset.</summary>
    SoftReset = 0x94,
}
