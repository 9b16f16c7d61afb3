namespace EdgeTwin.Devices.Ads1x15;

/// <summary>Data rate in samples per second, config bits 7:5 (datasheet table 8). A conversion takes 1/DR.</summary>
public enum Ads1115DataRate : byte
{
    /// <summary>8 SPS.</summary>
    Sps8 = 0,

    /// <summary>16 SPS.</summary>
    Sps16 = 1,

    /// <summary>32 SPS.</summary>
    Sps32 = 2,

    /// <summary>64 SPS.</summary>
    Sps64 = 3,

    /// <summary>128 SPS (reset value).</summary>
    Sps128 = 4,

    /// <summary>250 SPS.</summary>
    Sps250 = 5,

    /// <summary>475 SPS.</summary>
    Sps475 = 6,

    /// <summary>860 SPS.</summary>
    Sps860 = 7,
}
