namespace EdgeTwin.Devices.I2c;

/// <summary>Order of the two bytes inside each 16-bit word of a register point.</summary>
public enum I2cByteOrder
{
    /// <summary>Most significant byte first (most sensors and TI parts).</summary>
    BigEndian,

    /// <summary>Least significant byte first (Bosch calibration words, many MCUs).</summary>
    LittleEndian,
}
