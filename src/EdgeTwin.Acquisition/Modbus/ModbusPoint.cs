using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>A point resolved for polling: where it lives (unit, table, registers or bits) and how to decode it.</summary>
internal sealed class ModbusPoint
{
    private readonly double _scale;
    private readonly double _offset;

    public ModbusPoint(PointInfo info, byte unit, ModbusDataTable table, ushort address, int width, ModbusDataType type, ModbusWordOrder order, int? bit, TimeSpan interval)
    {
        Info = info;
        Unit = unit;
        Table = table;
        Address = address;
        Width = width;
        Type = type;
        Order = order;
        Bit = bit;
        Interval = interval;
        Scaled = type is not ModbusDataType.Bool and not ModbusDataType.String && info.Config.Enum is null;
        Index = info.Index;
        _scale = info.Config.Scale;
        _offset = info.Config.Offset;
    }

    /// <summary>The point as the gateway knows it.</summary>
    public PointInfo Info { get; }

    /// <summary>Index in the point table (what samples carry).</summary>
    public int Index { get; }

    /// <summary>Unit id (slave address).</summary>
    public byte Unit { get; }

    /// <summary>Data table.</summary>
    public ModbusDataTable Table { get; }

    /// <summary>First register or bit.</summary>
    public ushort Address { get; }

    /// <summary>Registers (or bits) the point occupies.</summary>
    public int Width { get; }

    /// <summary>One past the last register or bit.</summary>
    public int End => Address + Width;

    /// <summary>Data shape.</summary>
    public ModbusDataType Type { get; }

    /// <summary>Word and byte order.</summary>
    public ModbusWordOrder Order { get; }

    /// <summary>Bit of a register for bool points in register tables; null means "register is non-zero".</summary>
    public int? Bit { get; }

    /// <summary>Scan class: how often the point is polled.</summary>
    public TimeSpan Interval { get; }

    /// <summary>True when scale and offset apply (numbers, not booleans, strings or enumeration codes).</summary>
    public bool Scaled { get; }

    /// <summary>Engineering value of a raw number when <see cref="Scaled"/> (copies of scale and offset, so decoding touches one object per point).</summary>
    public double ToEngineering(double raw) => PointConfig.ToEngineering(raw, _scale, _offset);

    /// <summary>The last decoded text of a string point, reused while the device's text does not change.</summary>
    public string? LastText { get; set; }

    /// <summary>"plc1/pump1_speed".</summary>
    public string Key => Info.Key;
}
