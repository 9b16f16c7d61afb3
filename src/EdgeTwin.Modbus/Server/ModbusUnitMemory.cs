using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// The four tables of one simulated unit, in memory, guarded by one lock. Sizes are fixed at creation; addresses
/// beyond them, and addresses marked as holes, answer <see cref="ModbusExceptionCode.IllegalDataAddress"/>.
/// </summary>
public sealed class ModbusUnitMemory
{
    private readonly object _gate = new();
    private readonly bool[] _coils;
    private readonly bool[] _discreteInputs;
    private readonly ushort[] _holding;
    private readonly ushort[] _input;
    private readonly HashSet<(ModbusDataTable Table, ushort Address)> _holes = [];

    /// <summary>Creates tables of the given sizes (each at most 65536).</summary>
    public ModbusUnitMemory(int coils = ModbusLimits.AddressSpace, int discreteInputs = ModbusLimits.AddressSpace, int holdingRegisters = ModbusLimits.AddressSpace, int inputRegisters = ModbusLimits.AddressSpace)
    {
        _coils = new bool[CheckSize(coils, nameof(coils))];
        _discreteInputs = new bool[CheckSize(discreteInputs, nameof(discreteInputs))];
        _holding = new ushort[CheckSize(holdingRegisters, nameof(holdingRegisters))];
        _input = new ushort[CheckSize(inputRegisters, nameof(inputRegisters))];
    }

    /// <summary>Write requests (FC5, 6, 15, 16, 23) that changed this memory through the protocol.</summary>
    public long ProtocolWrites { get; private set; }

    /// <summary>Makes <paramref name="address"/> of <paramref name="table"/> illegal (any request covering it answers exception 2).</summary>
    public void AddHole(ModbusDataTable table, ushort address)
    {
        lock (_gate)
        {
            _holes.Add((table, address));
        }
    }

    /// <summary>Sets bits of coils or discrete inputs.</summary>
    public void SetBits(ModbusDataTable table, ushort address, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            values.CopyTo(Bits(table).AsSpan(address));
        }
    }

    /// <summary>Sets registers of the holding or input table.</summary>
    public void SetRegisters(ModbusDataTable table, ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            values.CopyTo(Registers(table).AsSpan(address));
        }
    }

    /// <summary>Encodes <paramref name="value"/> as <paramref name="type"/> in <paramref name="order"/> into registers at <paramref name="address"/>.</summary>
    public void SetValue(ModbusDataTable table, ushort address, double value, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        Span<byte> bytes = stackalloc byte[8];
        var count = ModbusValueCodec.RegisterCount(type);
        ModbusValueCodec.WriteNumber(bytes, value, type, order);
        SetRegisterBytes(table, address, bytes[..(count * 2)]);
    }

    /// <summary>Writes ASCII <paramref name="text"/> into <paramref name="registers"/> registers at <paramref name="address"/>.</summary>
    public void SetString(ModbusDataTable table, ushort address, string text, int registers, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        Span<byte> bytes = stackalloc byte[registers * 2];
        ModbusValueCodec.WriteString(bytes, text, order);
        SetRegisterBytes(table, address, bytes);
    }

    /// <summary>Copies registers as big-endian byte pairs into the table.</summary>
    public void SetRegisterBytes(ModbusDataTable table, ushort address, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var target = Registers(table).AsSpan(address, bytes.Length / 2);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = (ushort)(bytes[i * 2] << 8 | bytes[i * 2 + 1]);
            }
        }
    }

    /// <summary>Reads one bit.</summary>
    public bool GetBit(ModbusDataTable table, ushort address)
    {
        lock (_gate)
        {
            return Bits(table)[address];
        }
    }

    /// <summary>Reads one register.</summary>
    public ushort GetRegister(ModbusDataTable table, ushort address)
    {
        lock (_gate)
        {
            return Registers(table)[address];
        }
    }

    /// <summary>Copies registers out as big-endian byte pairs.</summary>
    public void GetRegisterBytes(ModbusDataTable table, ushort address, Span<byte> destination)
    {
        lock (_gate)
        {
            var source = Registers(table).AsSpan(address, destination.Length / 2);
            for (var i = 0; i < source.Length; i++)
            {
                destination[i * 2] = (byte)(source[i] >> 8);
                destination[i * 2 + 1] = (byte)source[i];
            }
        }
    }

    internal ModbusExceptionCode Read(ModbusDataTable table, ushort address, Span<bool> destination)
    {
        lock (_gate)
        {
            var bits = Bits(table);
            if (!Accessible(table, bits.Length, address, destination.Length))
            {
                return ModbusExceptionCode.IllegalDataAddress;
            }

            bits.AsSpan(address, destination.Length).CopyTo(destination);
            return ModbusExceptionCode.None;
        }
    }

    internal ModbusExceptionCode Read(ModbusDataTable table, ushort address, Span<ushort> destination)
    {
        lock (_gate)
        {
            var registers = Registers(table);
            if (!Accessible(table, registers.Length, address, destination.Length))
            {
                return ModbusExceptionCode.IllegalDataAddress;
            }

            registers.AsSpan(address, destination.Length).CopyTo(destination);
            return ModbusExceptionCode.None;
        }
    }

    internal ModbusExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            if (!Accessible(ModbusDataTable.Coils, _coils.Length, address, values.Length))
            {
                return ModbusExceptionCode.IllegalDataAddress;
            }

            values.CopyTo(_coils.AsSpan(address));
            ProtocolWrites++;
            return ModbusExceptionCode.None;
        }
    }

    internal ModbusExceptionCode WriteHolding(ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            if (!Accessible(ModbusDataTable.HoldingRegisters, _holding.Length, address, values.Length))
            {
                return ModbusExceptionCode.IllegalDataAddress;
            }

            values.CopyTo(_holding.AsSpan(address));
            ProtocolWrites++;
            return ModbusExceptionCode.None;
        }
    }

    private bool Accessible(ModbusDataTable table, int size, ushort address, int count)
    {
        if (address + count > size)
        {
            return false;
        }

        if (_holes.Count == 0)
        {
            return true;
        }

        for (var a = address; a < address + count; a++)
        {
            if (_holes.Contains((table, (ushort)a)))
            {
                return false;
            }
        }

        return true;
    }

    private bool[] Bits(ModbusDataTable table) => table switch
    {
        ModbusDataTable.Coils => _coils,
        ModbusDataTable.DiscreteInputs => _discreteInputs,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a bit table."),
    };

    private ushort[] Registers(ModbusDataTable table) => table switch
    {
        ModbusDataTable.HoldingRegisters => _holding,
        ModbusDataTable.InputRegisters => _input,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a register table."),
    };

    private static int CheckSize(int size, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, ModbusLimits.AddressSpace, name);
        return size;
    }
}
