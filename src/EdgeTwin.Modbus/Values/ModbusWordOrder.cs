namespace EdgeTwin.Modbus.Values;

/// <summary>
/// Order of bytes and registers of a multi-register value, named by where the bytes of the 32-bit value ABCD
/// (A most significant) travel. The 64-bit orders follow the same rule: ABCD = big-endian registers and bytes,
/// CDAB = registers in reverse order, BADC = bytes swapped within each register, DCBA = little-endian.
/// For 16-bit values and strings only the byte swap applies (BADC, DCBA swap the two bytes of a register).
/// </summary>
public enum ModbusWordOrder : byte
{
    /// <summary>Big-endian, the Modbus default.</summary>
    ABCD,
    /// <summary>Registers swapped (least significant register first).</summary>
    CDAB,
    /// <summary>Bytes swapped within each register.</summary>
    BADC,
    /// <summary>Little-endian.</summary>
    DCBA,
}
