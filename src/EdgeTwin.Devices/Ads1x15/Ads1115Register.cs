namespace EdgeTwin.Devices.Ads1x15;

/// <summary>ADS1115 address-pointer register values (ADS111x datasheet SBAS444, section 9.6).</summary>
public enum Ads1115Register : byte
{
    /// <summary>Conversion result, 16-bit two's complement.</summary>
    Conversion = 0x00,

    /// <summary>Configuration: OS, MUX, PGA, MODE, DR, comparator (reset 0x8583).</summary>
    Config = 0x01,

    /// <summary>Comparator low threshold.</summary>
    LowThreshold = 0x02,

    /// <summary>Comparator high threshold.</summary>
    HighThreshold = 0x03,
}
