using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// What a Modbus server serves: the four tables of each unit. Methods return <see cref="ModbusExceptionCode.None"/>
/// on success or the exception code to answer (typically <see cref="ModbusExceptionCode.IllegalDataAddress"/>).
/// Implementations must be thread-safe: a TCP server calls them from many connections at once.
/// </summary>
public interface IModbusDataStore
{
    /// <summary>True when the server answers requests for <paramref name="unit"/> (others get no answer, like an absent slave).</summary>
    bool HasUnit(byte unit);

    /// <summary>Reads coils or discrete inputs.</summary>
    ModbusExceptionCode ReadBits(byte unit, ModbusDataTable table, ushort address, Span<bool> destination);

    /// <summary>Reads holding or input registers.</summary>
    ModbusExceptionCode ReadRegisters(byte unit, ModbusDataTable table, ushort address, Span<ushort> destination);

    /// <summary>Writes coils.</summary>
    ModbusExceptionCode WriteCoils(byte unit, ushort address, ReadOnlySpan<bool> values);

    /// <summary>Writes holding registers.</summary>
    ModbusExceptionCode WriteRegisters(byte unit, ushort address, ReadOnlySpan<ushort> values);
}
