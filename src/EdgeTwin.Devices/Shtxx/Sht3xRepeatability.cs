namespace EdgeTwin.Devices.Shtxx;

/// <summary>SHT3x repeatability: more repeatable measurements take longer (datasheet table 4).</summary>
public enum Sht3xRepeatability
{
    /// <summary>High: 0.08 %RH / 0.04 °C, max 15 ms.</summary>
    High,

    /// <summary>Medium: 0.15 %RH / 0.08 °C, max 6 ms.</summary>
    Medium,

    /// <summary>Low: 0.21 %RH / 0.15 °C, max 4 ms.</summary>
    Low,
}
