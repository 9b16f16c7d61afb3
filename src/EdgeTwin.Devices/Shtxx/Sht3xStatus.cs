namespace EdgeTwin.Devices.Shtxx;

/// <summary>The SHT3x status register (datasheet table 17).</summary>
/// <param name="Raw">The raw 16-bit register.</param>
public readonly record struct Sht3xStatus(ushort Raw)
{
    /// <summary>Bit 15: at least one pending alert.</summary>
    public bool AlertPending => (Raw & 0x8000) != 0;

    /// <summary>Bit 13: heater on.</summary>
    public bool HeaterOn => (Raw & 0x2000) != 0;

    /// <summary>Bit 11: humidity tracking alert.</summary>
    public bool HumidityAlert => (Raw & 0x0800) != 0;

    /// <summary>Bit 10: temperature tracking alert.</summary>
    public bool TemperatureAlert => (Raw & 0x0400) != 0;

    /// <summary>Bit 4: reset detected (power-on, soft reset or reset pin) since the last clear.</summary>
    public bool ResetDetected => (Raw & 0x0010) != 0;

    /// <summary>Bit 1: the last command was not processed (invalid or failed its checksum).</summary>
    public bool LastCommandFailed => (Raw & 0x0002) != 0;

    /// <summary>Bit 0: the checksum of the last write transfer failed.</summary>
    public bool WriteChecksumFailed => (Raw & 0x0001) != 0;
}
