using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Maps the gateway's configuration types onto the Modbus library's and resolves each point's registers.</summary>
internal static class ModbusPointMapper
{
    /// <summary>Resolves <paramref name="point"/> of <paramref name="device"/>; throws <see cref="ArgumentException"/> naming the point when it cannot be polled.</summary>
    public static ModbusPoint Map(PointInfo point, DeviceConfig device)
    {
        var modbus = point.Config.Modbus ?? throw new ArgumentException($"{point.Key}: a point of a Modbus device needs a modbus address.");
        var table = ToTable(modbus.Table);
        var type = ToDataType(point.Config.Type, point.Key);
        var order = ToOrder(modbus.Order);
        if (table.IsBits() && type != ModbusDataType.Bool)
        {
            throw new ArgumentException($"{point.Key}: the {modbus.Table} table holds single bits; the type must be bool, not {point.Config.Type.ToName()}.");
        }

        if (modbus.Bit is { } bit && (type != ModbusDataType.Bool || table.IsBits() || bit is < 0 or > 15))
        {
            throw new ArgumentException($"{point.Key}: bit {bit} needs a bool point in a register table and must be 0..15.");
        }

        int width;
        if (table.IsBits())
        {
            width = 1;
        }
        else if (type == ModbusDataType.String)
        {
            var length = modbus.Length ?? throw new ArgumentException($"{point.Key}: a string point needs a length (registers).");
            if (length is < 1 or > ModbusLimits.MaxReadRegisters)
            {
                throw new ArgumentException($"{point.Key}: string length {length} must be 1..{ModbusLimits.MaxReadRegisters} registers.");
            }

            width = length;
        }
        else
        {
            width = ModbusValueCodec.RegisterCount(type);
        }

        if (modbus.Address + width > ModbusLimits.AddressSpace)
        {
            throw new ArgumentException($"{point.Key}: address {modbus.Address} + {width} runs past 65535.");
        }

        var unit = modbus.Unit ?? device.Modbus?.Unit ?? 1;
        return new ModbusPoint(point, unit, table, modbus.Address, width, type, order, modbus.Bit, point.Config.Poll ?? device.Poll);
    }

    public static ModbusDataTable ToTable(ModbusTable table) => table switch
    {
        ModbusTable.Coil => ModbusDataTable.Coils,
        ModbusTable.Discrete => ModbusDataTable.DiscreteInputs,
        ModbusTable.Holding => ModbusDataTable.HoldingRegisters,
        ModbusTable.Input => ModbusDataTable.InputRegisters,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown Modbus table."),
    };

    public static ModbusWordOrder ToOrder(WordOrder order) => order switch
    {
        WordOrder.ABCD => ModbusWordOrder.ABCD,
        WordOrder.CDAB => ModbusWordOrder.CDAB,
        WordOrder.BADC => ModbusWordOrder.BADC,
        WordOrder.DCBA => ModbusWordOrder.DCBA,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown word order."),
    };

    public static ModbusDataType ToDataType(PointType type, string key) => type switch
    {
        PointType.Bool => ModbusDataType.Bool,
        PointType.Int16 => ModbusDataType.Int16,
        PointType.UInt16 => ModbusDataType.UInt16,
        PointType.Int32 => ModbusDataType.Int32,
        PointType.UInt32 => ModbusDataType.UInt32,
        PointType.Int64 => ModbusDataType.Int64,
        PointType.UInt64 => ModbusDataType.UInt64,
        PointType.Float32 => ModbusDataType.Float32,
        PointType.Float64 => ModbusDataType.Float64,
        PointType.String => ModbusDataType.String,
        _ => throw new ArgumentException($"{key}: type {type.ToName()} is not a Modbus data shape."),
    };

    /// <summary>The config name of a table, as reasons print it ("holding 100..109").</summary>
    public static string TableName(ModbusDataTable table) => table switch
    {
        ModbusDataTable.Coils => "coil",
        ModbusDataTable.DiscreteInputs => "discrete",
        ModbusDataTable.HoldingRegisters => "holding",
        _ => "input",
    };
}
