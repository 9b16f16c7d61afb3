using EdgeTwin.Modbus.Values;
using FsCheck.Xunit;

namespace EdgeTwin.Modbus.Tests.Properties;

public sealed class ValueCodecProperties
{
    private static ModbusWordOrder Order(byte b) => (ModbusWordOrder)(b % 4);

    [Property]
    public void Int32_round_trips(int value, byte order)
    {
        var registers = new byte[4];
        ModbusValueCodec.WriteInt32(registers, value, Order(order));
        Assert.Equal(value, ModbusValueCodec.ReadInt32(registers, Order(order)));
    }

    [Property]
    public void UInt32_round_trips(uint value, byte order)
    {
        var registers = new byte[4];
        ModbusValueCodec.WriteUInt32(registers, value, Order(order));
        Assert.Equal(value, ModbusValueCodec.ReadUInt32(registers, Order(order)));
    }

    [Property]
    public void Int64_round_trips(long value, byte order)
    {
        var registers = new byte[8];
        ModbusValueCodec.WriteInt64(registers, value, Order(order));
        Assert.Equal(value, ModbusValueCodec.ReadInt64(registers, Order(order)));
    }

    [Property]
    public void UInt64_round_trips(ulong value, byte order)
    {
        var registers = new byte[8];
        ModbusValueCodec.WriteUInt64(registers, value, Order(order));
        Assert.Equal(value, ModbusValueCodec.ReadUInt64(registers, Order(order)));
    }

    [Property]
    public void Float32_round_trips_bit_for_bit(float value, byte order)
    {
        var registers = new byte[4];
        ModbusValueCodec.WriteSingle(registers, value, Order(order));
        Assert.Equal(BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(ModbusValueCodec.ReadSingle(registers, Order(order))));
    }

    [Property]
    public void Float64_round_trips_bit_for_bit(double value, byte order)
    {
        var registers = new byte[8];
        ModbusValueCodec.WriteDouble(registers, value, Order(order));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(ModbusValueCodec.ReadDouble(registers, Order(order))));
    }

    [Property]
    public void Int16_round_trips(short value, byte order)
    {
        var registers = new byte[2];
        ModbusValueCodec.WriteInt16(registers, value, Order(order));
        Assert.Equal(value, ModbusValueCodec.ReadInt16(registers, Order(order)));
    }

    [Property]
    public void Word_swap_and_byte_swap_compose_to_little_endian(uint value)
    {
        var dcba = new byte[4];
        ModbusValueCodec.WriteUInt32(dcba, value, ModbusWordOrder.DCBA);
        Assert.Equal(value, BitConverter.ToUInt32(dcba)); // this machine is little-endian
    }

    [Property]
    public void Random_registers_decode_without_exceptions(byte[] registers, byte type, byte order)
    {
        var dataType = (ModbusDataType)(type % 9); // every numeric shape
        var needed = ModbusValueCodec.RegisterCount(dataType) * 2;
        if (registers.Length < needed)
        {
            return;
        }

        _ = ModbusValueCodec.ReadNumber(registers, dataType, Order(order), bit: type % 16);
        var text = ModbusValueCodec.ReadString(registers, Order(order));
        Assert.True(text.Length <= registers.Length);
        Assert.All(text, c => Assert.InRange(c, ' ', '~'));
    }
}
