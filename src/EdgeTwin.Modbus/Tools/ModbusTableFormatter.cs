using System.Globalization;
using System.Text;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tools;

/// <summary>Formats read results as a plain-text table for technicians (the CLI's `modbus read`).</summary>
public static class ModbusTableFormatter
{
    /// <summary>
    /// One row per value of <paramref name="type"/> found in <paramref name="registers"/> (big-endian byte pairs read
    /// from <paramref name="startAddress"/>): address, raw registers in hex, decoded value. Strings take all registers
    /// as one value; bool shows the 16 bits of each register.
    /// </summary>
    public static string FormatRegisters(ushort startAddress, ReadOnlySpan<byte> registers, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        var count = registers.Length / 2;
        var width = type == ModbusDataType.String ? Math.Max(count, 1) : ModbusValueCodec.RegisterCount(type);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"address",7}  {"registers",-24}  {type} {order}").AppendLine();
        for (var r = 0; r + width <= count; r += width)
        {
            var slice = registers.Slice(r * 2, width * 2);
            text.Append(CultureInfo.InvariantCulture, $"{startAddress + r,7}  {Hex(slice),-24}  {Value(slice, type, order)}").AppendLine();
        }

        if (count % width != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"({count % width} trailing register(s) do not fill a {type})").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>One row per coil or discrete input: address and 0/1.</summary>
    public static string FormatBits(ushort startAddress, ReadOnlySpan<bool> bits)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"address",7}  value").AppendLine();
        for (var i = 0; i < bits.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{startAddress + i,7}  {(bits[i] ? 1 : 0)}").AppendLine();
        }

        return text.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> registers)
    {
        if (registers.Length > 8)
        {
            return Convert.ToHexString(registers[..8]) + "…";
        }

        var text = new StringBuilder();
        for (var i = 0; i < registers.Length; i += 2)
        {
            text.Append(i == 0 ? "" : " ").Append(Convert.ToHexString(registers.Slice(i, 2)));
        }

        return text.ToString();
    }

    private static string Value(ReadOnlySpan<byte> registers, ModbusDataType type, ModbusWordOrder order) => type switch
    {
        ModbusDataType.String => "\"" + ModbusValueCodec.ReadString(registers, order) + "\"",
        ModbusDataType.Bool => Bits(ModbusValueCodec.ReadUInt16(registers)),
        ModbusDataType.Float32 => ModbusValueCodec.ReadSingle(registers, order).ToString("R", CultureInfo.InvariantCulture),
        ModbusDataType.Float64 => ModbusValueCodec.ReadDouble(registers, order).ToString("R", CultureInfo.InvariantCulture),
        ModbusDataType.Int64 => ModbusValueCodec.ReadInt64(registers, order).ToString(CultureInfo.InvariantCulture),
        ModbusDataType.UInt64 => ModbusValueCodec.ReadUInt64(registers, order).ToString(CultureInfo.InvariantCulture),
        _ => ModbusValueCodec.ReadNumber(registers, type, order).ToString(CultureInfo.InvariantCulture),
    };

    // Bits 15..0 in groups of four, most significant first.
    private static string Bits(ushort value)
    {
        var text = new StringBuilder("bits ");
        for (var bit = 15; bit >= 0; bit--)
        {
            text.Append((value & (1 << bit)) != 0 ? '1' : '0');
            if (bit % 4 == 0 && bit > 0)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }
}
