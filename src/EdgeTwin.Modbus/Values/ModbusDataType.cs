namespace EdgeTwin.Modbus.Values;

/// <summary>The data shapes PLCs put into registers.</summary>
public enum ModbusDataType : byte
{
    /// <summary>One bit of a register (bit 0 = least significant), or a coil/discrete input.</summary>
    Bool,
    /// <summary>Signed 16-bit, one register.</summary>
    Int16,
    /// <summary>Unsigned 16-bit, one register.</summary>
    UInt16,
    /// <summary>Signed 32-bit, two registers.</summary>
    Int32,
    /// <summary>Unsigned 32-bit, two registers.</summary>
    UInt32,
    /// <summary>Signed 64-bit, four registers.</summary>
    Int64,
    /// <summary>Unsigned 64-bit, four registers.</summary>
    UInt64,
    /// <summary>IEEE 754 single, two registers.</summary>
    Float32,
    /// <summary>IEEE 754 double, four registers.</summary>
    Float64,
    /// <summary>ASCII text, two characters per register, NUL-padded.</summary>
    String,
}
