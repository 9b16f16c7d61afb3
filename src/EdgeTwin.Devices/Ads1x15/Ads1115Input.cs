namespace EdgeTwin.Devices.Ads1x15;

/// <summary>Input multiplexer setting, config bits 14:12 (datasheet table 8): AINp − AINn.</summary>
public enum Ads1115Input : byte
{
    /// <summary>Differential AIN0 − AIN1 (reset value).</summary>
    Ain0MinusAin1 = 0,

    /// <summary>Differential AIN0 − AIN3.</summary>
    Ain0MinusAin3 = 1,

    /// <summary>Differential AIN1 − AIN3.</summary>
    Ain1MinusAin3 = 2,

    /// <summary>Differential AIN2 − AIN3.</summary>
    Ain2MinusAin3 = 3,

    /// <summary>Single-ended AIN0 against GND.</summary>
    Ain0 = 4,

    /// <summary>Single-ended AIN1 against GND.</summary>
    Ain1 = 5,

    /// <summary>Single-ended AIN2 against GND.</summary>
    Ain2 = 6,

    /// <summary>Single-ended AIN3 against GND.</summary>
    Ain3 = 7,
}
