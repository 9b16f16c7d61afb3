namespace EdgeTwin.Devices.Shtxx;

/// <summary>SHT4x measurement precision (repeatability), datasheet table 7.</summary>
public enum Sht4xPrecision
{
    /// <summary>High precision, command 0xFD, max 8.3 ms.</summary>
    High,

    /// <summary>Medium precision, command 0xF6, max 4.5 ms.</summary>
    Medium,

    /// <summary>Low precision, command 0xE0, max 1.6 ms.</summary>
    Low,
}
