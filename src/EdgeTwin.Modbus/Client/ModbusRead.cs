using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Client;

/// <summary>
/// One read of <see cref="ModbusClient.ReadManyAsync"/>: <see cref="Count"/> registers or bits of <see cref="Table"/> of
/// <see cref="Unit"/> from <see cref="Address"/> on, decoded into <see cref="Registers"/> (big-endian byte pairs) or
/// <see cref="Bits"/>.
/// </summary>
public readonly record struct ModbusRead
{
    /// <summary>A read of holding or input registers into big-endian byte pairs.</summary>
    public ModbusRead(byte unit, ModbusDataTable table, ushort address, int count, Memory<byte> registers)
    {
        if (table.IsBits())
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a register table.");
        }

        (Unit, Table, Address, Count, Registers) = (unit, table, address, count, registers);
    }

    /// <summary>A read of coils or discrete inputs.</summary>
    public ModbusRead(byte unit, ModbusDataTable table, ushort address, int count, Memory<bool> bits)
    {
        if (!table.IsBits())
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a bit table.");
        }

        (Unit, Table, Address, Count, Bits) = (unit, table, address, count, bits);
    }

    /// <summary>Unit id.</summary>
    public byte Unit { get; }

    /// <summary>Table read.</summary>
    public ModbusDataTable Table { get; }

    /// <summary>First register or bit.</summary>
    public ushort Address { get; }

    /// <summary>Registers or bits read.</summary>
    public int Count { get; }

    /// <summary>Destination of a register read (2 bytes per register).</summary>
    public Memory<byte> Registers { get; }

    /// <summary>Destination of a bit read.</summary>
    public Memory<bool> Bits { get; }
}
