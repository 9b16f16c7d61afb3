namespace EdgeTwin.Devices.I2c;

/// <summary>How the bytes of a generic register point are interpreted.</summary>
public enum I2cDataType
{
    /// <summary>Unsigned 8-bit.</summary>
    UInt8,

    /// <summary>Signed 8-bit (two's complement).</summary>
    Int8,

    /// <summary>Unsigned 16-bit.</summary>
    UInt16,

    /// <summary>Signed 16-bit (two's complement).</summary>
    Int16,

    /// <summary>Unsigned 32-bit.</summary>
    UInt32,

    /// <summary>Signed 32-bit (two's complement).</summary>
    Int32,

    /// <summary>IEEE 754 single precision.</summary>
    Float32,
}
