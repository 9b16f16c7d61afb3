namespace EdgeTwin.Devices.I2c;

/// <summary>Order of the two 16-bit words of a 32-bit register point.</summary>
public enum I2cWordOrder
{
    /// <summary>The most significant word comes first.</summary>
    HighWordFirst,

    /// <summary>The least significant word comes first.</summary>
    LowWordFirst,
}
