using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>One read request of a plan: a contiguous range of one table of one unit, and the points decoded from it.</summary>
internal sealed class ModbusReadBlock
{
    private ModbusExceptionCode _reasonCode;
    private string? _reason;

    public ModbusReadBlock(byte unit, ModbusDataTable table, ushort address, int count, ModbusPoint[] points, int first, bool isolated = false)
    {
        Unit = unit;
        Table = table;
        Address = address;
        Count = count;
        Points = points;
        First = first;
        Isolated = isolated;
        if (table.IsBits())
        {
            Bits = new bool[count];
        }
        else
        {
            Registers = new byte[count * 2];
        }

        Range = count == 1
            ? $"{ModbusPointMapper.TableName(table)} {address}"
            : $"{ModbusPointMapper.TableName(table)} {address}..{address + count - 1}";
    }

    /// <summary>Unit id.</summary>
    public byte Unit { get; }

    /// <summary>Table read.</summary>
    public ModbusDataTable Table { get; }

    /// <summary>First register or bit.</summary>
    public ushort Address { get; }

    /// <summary>Registers or bits read.</summary>
    public int Count { get; }

    /// <summary>The points decoded from this block, by address.</summary>
    public ModbusPoint[] Points { get; }

    /// <summary>Position of the first point in its group.</summary>
    public int First { get; }

    /// <summary>Position of the last point in its group.</summary>
    public int Last => First + Points.Length - 1;

    /// <summary>True for a point isolated after it made a block fail; it is read alone.</summary>
    public bool Isolated { get; }

    /// <summary>Receive buffer of register blocks (big-endian byte pairs).</summary>
    public byte[]? Registers { get; }

    /// <summary>Receive buffer of bit blocks.</summary>
    public bool[]? Bits { get; }

    /// <summary>"holding 100..109" (or "holding 150" for one register).</summary>
    public string Range { get; }

    /// <summary>"Modbus exception 2 (IllegalDataAddress) reading holding 100..109", built once per code.</summary>
    public string ExceptionReason(ModbusExceptionCode code)
    {
        if (_reason is null || code != _reasonCode)
        {
            _reason = $"{ModbusException.CodeText(code)} reading {Range}";
            _reasonCode = code;
        }

        return _reason;
    }
}
