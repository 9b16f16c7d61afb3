using System.Buffers.Binary;
using System.Numerics;

namespace EdgeTwin.Modbus.Values;

/// <summary>
/// Decodes and encodes typed values in registers given as big-endian byte pairs (exactly as they are on the wire),
/// for every <see cref="ModbusDataType"/> and <see cref="ModbusWordOrder"/>. Allocation-free except for strings.
/// </summary>
public static class ModbusValueCodec
{
    /// <summary>Longest string, in registers (one read).</summary>
    public const int MaxStringRegisters = ModbusLimits.MaxReadRegisters;

    /// <summary>Registers a value of <paramref name="type"/> occupies; strings take <paramref name="stringRegisters"/>.</summary>
    public static int RegisterCount(ModbusDataType type, int stringRegisters = 1) => type switch
    {
        ModbusDataType.Bool or ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        ModbusDataType.String => stringRegisters is >= 1 and <= MaxStringRegisters
            ? stringRegisters
            : throw new ArgumentOutOfRangeException(nameof(stringRegisters), stringRegisters, $"String length must be 1..{MaxStringRegisters} registers."),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };

    /// <summary>Bit <paramref name="bit"/> (0 = least significant) of the register at the start of <paramref name="registers"/>.</summary>
    public static bool ReadBit(ReadOnlySpan<byte> registers, int bit)
    {
        if ((uint)bit > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(bit), bit, "Bit must be 0..15.");
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(registers) & (1 << bit)) != 0;
    }

    /// <summary>Reads an unsigned 16-bit value.</summary>
    public static ushort ReadUInt16(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        var raw = BinaryPrimitives.ReadUInt16BigEndian(registers);
        return SwapsBytes(order) ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    /// <summary>Reads a signed 16-bit value.</summary>
    public static short ReadInt16(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        unchecked((short)ReadUInt16(registers, order));

    /// <summary>Reads an unsigned 32-bit value.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        var raw = BinaryPrimitives.ReadUInt32BigEndian(registers);
        if (SwapsWords(order))
        {
            raw = BitOperations.RotateLeft(raw, 16);
        }

        return SwapsBytes(order) ? ((raw & 0x00FF00FFu) << 8) | ((raw >> 8) & 0x00FF00FFu) : raw;
    }

    /// <summary>Reads a signed 32-bit value.</summary>
    public static int ReadInt32(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        unchecked((int)ReadUInt32(registers, order));

    /// <summary>Reads an unsigned 64-bit value.</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        var raw = BinaryPrimitives.ReadUInt64BigEndian(registers);

        // Reversing all bytes and then the two bytes of each register reverses the order of the registers.
        if (SwapsWords(order))
        {
            raw = SwapBytesOfRegisters(BinaryPrimitives.ReverseEndianness(raw));
        }

        return SwapsBytes(order) ? SwapBytesOfRegisters(raw) : raw;
    }

    /// <summary>Reads a signed 64-bit value.</summary>
    public static long ReadInt64(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        unchecked((long)ReadUInt64(registers, order));

    /// <summary>Reads an IEEE 754 single.</summary>
    public static float ReadSingle(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        BitConverter.UInt32BitsToSingle(ReadUInt32(registers, order));

    /// <summary>Reads an IEEE 754 double.</summary>
    public static double ReadDouble(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        BitConverter.UInt64BitsToDouble(ReadUInt64(registers, order));

    /// <summary>
    /// Reads any numeric shape as a double (booleans 0/1; 64-bit integers beyond 2^53 lose precision). Strings are not
    /// numeric: use <see cref="ReadString(ReadOnlySpan{byte}, ModbusWordOrder)"/>.
    /// </summary>
    public static double ReadNumber(ReadOnlySpan<byte> registers, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.ABCD, int bit = 0) => type switch
    {
        ModbusDataType.Bool => ReadBit(registers, bit) ? 1 : 0,
        ModbusDataType.Int16 => ReadInt16(registers, order),
        ModbusDataType.UInt16 => ReadUInt16(registers, order),
        ModbusDataType.Int32 => ReadInt32(registers, order),
        ModbusDataType.UInt32 => ReadUInt32(registers, order),
        ModbusDataType.Int64 => ReadInt64(registers, order),
        ModbusDataType.UInt64 => ReadUInt64(registers, order),
        ModbusDataType.Float32 => ReadSingle(registers, order),
        ModbusDataType.Float64 => ReadDouble(registers, order),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a numeric Modbus data type."),
    };

    /// <summary>
    /// Decodes ASCII text into <paramref name="destination"/> (two characters per register, first character in the
    /// high byte unless the order swaps bytes); stops at the first NUL. Returns the characters written.
    /// Bytes above 0x7E are replaced by '?' so the text stays printable ASCII.
    /// </summary>
    public static int ReadString(ReadOnlySpan<byte> registers, ModbusWordOrder order, Span<char> destination)
    {
        var swap = SwapsBytes(order);
        var count = Math.Min(registers.Length & ~1, destination.Length);
        for (var i = 0; i < count; i++)
        {
            var b = registers[swap ? i ^ 1 : i];
            if (b == 0)
            {
                return i;
            }

            destination[i] = b is >= 0x20 and <= 0x7E ? (char)b : '?';
        }

        return count;
    }

    /// <summary>Decodes ASCII text into a new string (trailing spaces kept, NUL ends it).</summary>
    public static string ReadString(ReadOnlySpan<byte> registers, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        Span<char> chars = stackalloc char[MaxStringRegisters * 2];
        var length = ReadString(registers[..Math.Min(registers.Length, chars.Length)], order, chars);
        return new string(chars[..length]);
    }

    /// <summary>Sets or clears bit <paramref name="bit"/> of the register at the start of <paramref name="registers"/>, keeping the other bits.</summary>
    public static void WriteBit(Span<byte> registers, int bit, bool value)
    {
        if ((uint)bit > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(bit), bit, "Bit must be 0..15.");
        }

        var raw = BinaryPrimitives.ReadUInt16BigEndian(registers);
        raw = value ? (ushort)(raw | (1 << bit)) : (ushort)(raw & ~(1 << bit));
        BinaryPrimitives.WriteUInt16BigEndian(registers, raw);
    }

    /// <summary>Writes an unsigned 16-bit value.</summary>
    public static void WriteUInt16(Span<byte> registers, ushort value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        BinaryPrimitives.WriteUInt16BigEndian(registers, SwapsBytes(order) ? BinaryPrimitives.ReverseEndianness(value) : value);

    /// <summary>Writes a signed 16-bit value.</summary>
    public static void WriteInt16(Span<byte> registers, short value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        WriteUInt16(registers, unchecked((ushort)value), order);

    /// <summary>Writes an unsigned 32-bit value.</summary>
    public static void WriteUInt32(Span<byte> registers, uint value, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        Span<byte> bigEndian = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bigEndian, value);
        Normalize(bigEndian, order, registers[..4]); // the reordering is its own inverse
    }

    /// <summary>Writes a signed 32-bit value.</summary>
    public static void WriteInt32(Span<byte> registers, int value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        WriteUInt32(registers, unchecked((uint)value), order);

    /// <summary>Writes an unsigned 64-bit value.</summary>
    public static void WriteUInt64(Span<byte> registers, ulong value, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        Span<byte> bigEndian = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, value);
        Normalize(bigEndian, order, registers[..8]);
    }

    /// <summary>Writes a signed 64-bit value.</summary>
    public static void WriteInt64(Span<byte> registers, long value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        WriteUInt64(registers, unchecked((ulong)value), order);

    /// <summary>Writes an IEEE 754 single.</summary>
    public static void WriteSingle(Span<byte> registers, float value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        WriteUInt32(registers, BitConverter.SingleToUInt32Bits(value), order);

    /// <summary>Writes an IEEE 754 double.</summary>
    public static void WriteDouble(Span<byte> registers, double value, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        WriteUInt64(registers, BitConverter.DoubleToUInt64Bits(value), order);

    /// <summary>
    /// Writes ASCII text into all of <paramref name="registers"/> (NUL-padded). Throws when the text is longer than
    /// the registers hold or contains a character outside printable ASCII.
    /// </summary>
    public static void WriteString(Span<byte> registers, ReadOnlySpan<char> text, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        var capacity = registers.Length & ~1;
        if (text.Length > capacity)
        {
            throw new ArgumentException($"Text of {text.Length} characters does not fit {capacity / 2} registers.", nameof(text));
        }

        var swap = SwapsBytes(order);
        registers[..capacity].Clear();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Character {(int)c} at {i} is not printable ASCII.", nameof(text));
            }

            registers[swap ? i ^ 1 : i] = (byte)c;
        }
    }

    /// <summary>
    /// Writes a number as <paramref name="type"/>: integers are rounded to the nearest (halves away from zero) and must
    /// be in range, else <see cref="ArgumentOutOfRangeException"/> names the type and range. Bool writes 0 or 1 as the
    /// register value (to change one bit of a register use <see cref="WriteBit"/>).
    /// </summary>
    public static void WriteNumber(Span<byte> registers, double value, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.ABCD)
    {
        switch (type)
        {
            case ModbusDataType.Bool:
                // Bit 0 of the register value, as ReadNumber reads it; the order does not apply to single bits.
                WriteUInt16(registers, (ushort)CheckInteger(value, 0, 1, type));
                break;
            case ModbusDataType.Int16:
                WriteInt16(registers, (short)CheckInteger(value, short.MinValue, short.MaxValue, type), order);
                break;
            case ModbusDataType.UInt16:
                WriteUInt16(registers, (ushort)CheckInteger(value, 0, ushort.MaxValue, type), order);
                break;
            case ModbusDataType.Int32:
                WriteInt32(registers, (int)CheckInteger(value, int.MinValue, int.MaxValue, type), order);
                break;
            case ModbusDataType.UInt32:
                WriteUInt32(registers, (uint)CheckInteger(value, 0, uint.MaxValue, type), order);
                break;
            case ModbusDataType.Int64:
                // 2^63 is exactly representable; anything at or above it overflows.
                WriteInt64(registers, (long)CheckInteger(value, -9223372036854775808.0, 9223372036854775807.0, type, exclusiveMax: 9223372036854775808.0), order);
                break;
            case ModbusDataType.UInt64:
                WriteUInt64(registers, (ulong)CheckInteger(value, 0, 18446744073709551615.0, type, exclusiveMax: 18446744073709551616.0), order);
                break;
            case ModbusDataType.Float32:
                if (double.IsFinite(value) && Math.Abs(value) > float.MaxValue)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is outside the float32 range.");
                }

                WriteSingle(registers, (float)value, order);
                break;
            case ModbusDataType.Float64:
                WriteDouble(registers, value, order);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Not a numeric Modbus data type.");
        }
    }

    /// <summary>True when <paramref name="order"/> swaps the two bytes of each register.</summary>
    public static bool SwapsBytes(ModbusWordOrder order) => order is ModbusWordOrder.BADC or ModbusWordOrder.DCBA;

    /// <summary>True when <paramref name="order"/> reverses the order of the registers.</summary>
    public static bool SwapsWords(ModbusWordOrder order) => order is ModbusWordOrder.CDAB or ModbusWordOrder.DCBA;

    private static ulong SwapBytesOfRegisters(ulong raw) => ((raw & 0x00FF00FF00FF00FFul) << 8) | ((raw >> 8) & 0x00FF00FF00FF00FFul);

    // Reorders wire bytes into big-endian ABCD... (and back: the permutation is an involution).
    private static void Normalize(ReadOnlySpan<byte> source, ModbusWordOrder order, Span<byte> destination)
    {
        var words = source.Length / 2;
        var swapWords = SwapsWords(order);
        var swapBytes = SwapsBytes(order);
        for (var w = 0; w < words; w++)
        {
            var from = (swapWords ? words - 1 - w : w) * 2;
            destination[w * 2] = source[from + (swapBytes ? 1 : 0)];
            destination[w * 2 + 1] = source[from + (swapBytes ? 0 : 1)];
        }
    }

    private static double CheckInteger(double value, double min, double max, ModbusDataType type, double exclusiveMax = double.NaN)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} cannot be written as {type}.");
        }

        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        var tooLarge = double.IsNaN(exclusiveMax) ? rounded > max : rounded >= exclusiveMax;
        if (rounded < min || tooLarge)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is outside the {type} range {min:R}..{max:R}.");
        }

        return rounded;
    }
}
