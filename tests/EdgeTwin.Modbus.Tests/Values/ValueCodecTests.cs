using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Values;

public sealed class ValueCodecTests
{
    [Theory]
    [InlineData(ModbusWordOrder.ABCD, "41AC0000")]
    [InlineData(ModbusWordOrder.CDAB, "000041AC")]
    [InlineData(ModbusWordOrder.BADC, "AC410000")]
    [InlineData(ModbusWordOrder.DCBA, "0000AC41")]
    public void Float32_21_5_in_every_order(ModbusWordOrder order, string hex)
    {
        var registers = Convert.FromHexString(hex);
        Assert.Equal(21.5f, ModbusValueCodec.ReadSingle(registers, order));
        var written = new byte[4];
        ModbusValueCodec.WriteSingle(written, 21.5f, order);
        Assert.Equal(hex, Convert.ToHexString(written));
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, "0102030405060708")]
    [InlineData(ModbusWordOrder.CDAB, "0708050603040102")]
    [InlineData(ModbusWordOrder.BADC, "0201040306050807")]
    [InlineData(ModbusWordOrder.DCBA, "0807060504030201")]
    public void UInt64_orders_generalise_the_32_bit_pattern(ModbusWordOrder order, string hex)
    {
        Assert.Equal(0x0102030405060708UL, ModbusValueCodec.ReadUInt64(Convert.FromHexString(hex), order));
        var written = new byte[8];
        ModbusValueCodec.WriteUInt64(written, 0x0102030405060708UL, order);
        Assert.Equal(hex, Convert.ToHexString(written));
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, "FFFE1DC0")]
    [InlineData(ModbusWordOrder.CDAB, "1DC0FFFE")]
    [InlineData(ModbusWordOrder.BADC, "FEFFC01D")]
    [InlineData(ModbusWordOrder.DCBA, "C01DFEFF")]
    public void Int32_negative_in_every_order(ModbusWordOrder order, string hex)
    {
        Assert.Equal(-123456, ModbusValueCodec.ReadInt32(Convert.FromHexString(hex), order));
        Assert.Equal(-123456.0, ModbusValueCodec.ReadNumber(Convert.FromHexString(hex), ModbusDataType.Int32, order));
    }

    [Fact]
    public void Sixteen_bit_values_swap_bytes_only_for_byte_swapping_orders()
    {
        byte[] registers = [0xFF, 0x85];
        Assert.Equal(-123, ModbusValueCodec.ReadInt16(registers, ModbusWordOrder.ABCD));
        Assert.Equal(-123, ModbusValueCodec.ReadInt16(registers, ModbusWordOrder.CDAB));
        Assert.Equal(unchecked((short)0x85FF), ModbusValueCodec.ReadInt16(registers, ModbusWordOrder.BADC));
        Assert.Equal(0x85FF, ModbusValueCodec.ReadUInt16(registers, ModbusWordOrder.DCBA));
    }

    public static TheoryData<ModbusDataType, double, ModbusWordOrder> Numbers()
    {
        var data = new TheoryData<ModbusDataType, double, ModbusWordOrder>();
        (ModbusDataType Type, double Value)[] values =
        [
            (ModbusDataType.Int16, short.MinValue), (ModbusDataType.Int16, 12345), (ModbusDataType.UInt16, ushort.MaxValue),
            (ModbusDataType.Int32, int.MinValue), (ModbusDataType.Int32, 123456789), (ModbusDataType.UInt32, uint.MaxValue),
            (ModbusDataType.Int64, -9007199254740991), (ModbusDataType.UInt64, 9007199254740993.0 - 1),
            (ModbusDataType.Float32, -3.25), (ModbusDataType.Float64, Math.PI), (ModbusDataType.Float64, double.NegativeInfinity),
            (ModbusDataType.Bool, 1),
        ];
        foreach (var (type, value) in values)
        {
            foreach (var order in Enum.GetValues<ModbusWordOrder>())
            {
                data.Add(type, value, order);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Every_numeric_shape_and_order_round_trips(ModbusDataType type, double value, ModbusWordOrder order)
    {
        var registers = new byte[ModbusValueCodec.RegisterCount(type) * 2];
        ModbusValueCodec.WriteNumber(registers, value, type, order);
        Assert.Equal(value, ModbusValueCodec.ReadNumber(registers, type, order));
    }

    [Fact]
    public void Int64_and_UInt64_keep_full_precision_through_the_typed_methods()
    {
        var registers = new byte[8];
        foreach (var order in Enum.GetValues<ModbusWordOrder>())
        {
            ModbusValueCodec.WriteInt64(registers, long.MinValue + 1, order);
            Assert.Equal(long.MinValue + 1, ModbusValueCodec.ReadInt64(registers, order));
            ModbusValueCodec.WriteUInt64(registers, ulong.MaxValue - 2, order);
            Assert.Equal(ulong.MaxValue - 2, ModbusValueCodec.ReadUInt64(registers, order));
        }
    }

    [Theory]
    [InlineData(0, 0x0001)]
    [InlineData(3, 0x0008)]
    [InlineData(15, 0x8000)]
    public void Bit_N_of_a_register_counts_from_the_least_significant_bit(int bit, int register)
    {
        byte[] registers = [(byte)(register >> 8), (byte)register];
        Assert.True(ModbusValueCodec.ReadBit(registers, bit));
        Assert.False(ModbusValueCodec.ReadBit(registers, (bit + 1) % 16));
        Assert.Equal(1.0, ModbusValueCodec.ReadNumber(registers, ModbusDataType.Bool, bit: bit));

        var written = new byte[] { 0x12, 0x34 };
        ModbusValueCodec.WriteBit(written, bit, true);
        Assert.True(ModbusValueCodec.ReadBit(written, bit));
        ModbusValueCodec.WriteBit(written, bit, false);
        Assert.False(ModbusValueCodec.ReadBit(written, bit));
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, "50554D50312000000000", "PUMP1 ")]
    [InlineData(ModbusWordOrder.BADC, "5550504D203100000000", "PUMP1 ")]
    [InlineData(ModbusWordOrder.ABCD, "4142434445464748494A", "ABCDEFGHIJ")]
    public void Strings_read_two_characters_per_register_up_to_the_first_nul(ModbusWordOrder order, string hex, string text)
    {
        var registers = Convert.FromHexString(hex);
        Assert.Equal(text, ModbusValueCodec.ReadString(registers, order));
        var written = new byte[registers.Length];
        ModbusValueCodec.WriteString(written, text, order);
        Assert.Equal(hex, Convert.ToHexString(written));
    }

    [Fact]
    public void String_decoding_replaces_non_printable_bytes()
    {
        Assert.Equal("A?B", ModbusValueCodec.ReadString([0x41, 0x07, 0x42, 0x00]));
    }

    [Fact]
    public void String_that_does_not_fit_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ModbusValueCodec.WriteString(new byte[4], "HELLO"));
        Assert.Throws<ArgumentException>(() => ModbusValueCodec.WriteString(new byte[4], "é"));
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, 32768)]
    [InlineData(ModbusDataType.Int16, -32769)]
    [InlineData(ModbusDataType.UInt16, -1)]
    [InlineData(ModbusDataType.UInt16, 65535.5)]
    [InlineData(ModbusDataType.UInt32, 4294967296)]
    [InlineData(ModbusDataType.Int64, 9223372036854775808.0)]
    [InlineData(ModbusDataType.UInt64, -0.6)]
    [InlineData(ModbusDataType.Int32, double.NaN)]
    [InlineData(ModbusDataType.Float32, 1e39)]
    [InlineData(ModbusDataType.Bool, 2)]
    public void Values_outside_the_type_are_refused_with_the_range(ModbusDataType type, double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueCodec.WriteNumber(new byte[8], value, type));
        Assert.Contains(type.ToString(), ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Integer_writes_round_to_the_nearest()
    {
        var registers = new byte[2];
        ModbusValueCodec.WriteNumber(registers, 41.5, ModbusDataType.Int16);
        Assert.Equal(42, ModbusValueCodec.ReadInt16(registers));
        ModbusValueCodec.WriteNumber(registers, -41.5, ModbusDataType.Int16);
        Assert.Equal(-42, ModbusValueCodec.ReadInt16(registers));
    }

    [Theory]
    [InlineData(ModbusDataType.Bool, 1)]
    [InlineData(ModbusDataType.UInt16, 1)]
    [InlineData(ModbusDataType.Float32, 2)]
    [InlineData(ModbusDataType.Int64, 4)]
    [InlineData(ModbusDataType.Float64, 4)]
    public void Register_counts(ModbusDataType type, int count) => Assert.Equal(count, ModbusValueCodec.RegisterCount(type));
}
