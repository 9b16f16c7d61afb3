namespace EdgeTwin.Devices.Shtxx;

/// <summary>SHT3x 16-bit commands, sent most significant byte first (SHT3x-DIS datasheet, section 4).</summary>
public enum Sht3xCommand : ushort
{
    /// <summary>Single shot, high repeatability, clock stretching disabled (table 9).</summary>
    SingleShotHigh = 0x2400,

    /// <summary>Single shot, medium repeatability, clock stretching disabled.</summary>
    SingleShotMedium = 0x240B,

    /// <summary>Single shot, low repeatability, clock stretching disabled.</summary>
    SingleShotLow = 0x2416,

    /// <summary>Break/stop periodic acquisition (4.8).</summary>
    Break = 0x3093,

    /// <summary>Soft reset (4.9).</summary>
    SoftReset = 0x30A2,

    /// <summary>Heater enable (4.10).</summary>
    HeaterEnable = 0x306D,

    /// <summary>Heater disable (4.10).</summary>
    HeaterDisable = 0x3066,

    /// <summary>Read status register (4.11).</summary>
    ReadStatus = 0xF32D,

    /// <summary>Clear status register (4.11).</summary>
    ClearStatus = 0x3041,
}
