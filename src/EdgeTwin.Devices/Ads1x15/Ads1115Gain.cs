namespace EdgeTwin.Devices.Ads1x15;

/// <summary>
/// Programmable gain amplifier, config bits 11:9 (datasheet table 8): the full-scale range FSR; one LSB is
/// FSR / 2¹⁵. The FSR never lets an input exceed VDD + 0.3 V.
/// </summary>
public enum Ads1115Gain : byte
{
    /// <summary>±6.144 V, LSB 187.5 µV.</summary>
    Fsr6144mV = 0,

    /// <summary>±4.096 V, LSB 125 µV.</summary>
    Fsr4096mV = 1,

    /// <summary>±2.048 V, LSB 62.5 µV (reset value).</summary>
    Fsr2048mV = 2,

    /// <summary>±1.024 V, LSB 31.25 µV.</summary>
    Fsr1024mV = 3,

    /// <summary>±0.512 V, LSB 15.625 µV.</summary>
    Fsr512mV = 4,

    /// <summary>±0.256 V, LSB 7.8125 µV.</summary>
    Fsr256mV = 5,
}
