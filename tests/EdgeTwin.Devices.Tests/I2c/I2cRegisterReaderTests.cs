using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.I2c;

public sealed class I2cRegisterReaderTests
{
    [Theory]
    [InlineData(I2cDataType.UInt16, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0x12, 0x34 }, 0x1234)]
    [InlineData(I2cDataType.UInt16, I2cByteOrder.LittleEndian, I2cWordOrder.HighWordFirst, new byte[] { 0x34, 0x12 }, 0x1234)]
    [InlineData(I2cDataType.Int16, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0xFF, 0xFE }, -2)]
    [InlineData(I2cDataType.UInt8, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0xFE }, 254)]
    [InlineData(I2cDataType.Int8, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0xFE }, -2)]
    [InlineData(I2cDataType.UInt32, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0x12, 0x34, 0x56, 0x78 }, 0x12345678)]
    [InlineData(I2cDataType.UInt32, I2cByteOrder.BigEndian, I2cWordOrder.LowWordFirst, new byte[] { 0x56, 0x78, 0x12, 0x34 }, 0x12345678)]
    [InlineData(I2cDataType.UInt32, I2cByteOrder.LittleEndian, I2cWordOrder.LowWordFirst, new byte[] { 0x78, 0x56, 0x34, 0x12 }, 0x12345678)]
    [InlineData(I2cDataType.UInt32, I2cByteOrder.LittleEndian, I2cWordOrder.HighWordFirst, new byte[] { 0x34, 0x12, 0x78, 0x56 }, 0x12345678)]
    [InlineData(I2cDataType.Int32, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0xFF, 0xFF, 0xFF, 0xFD }, -3)]
    [InlineData(I2cDataType.Float32, I2cByteOrder.BigEndian, I2cWordOrder.HighWordFirst, new byte[] { 0x41, 0x48, 0x00, 0x00 }, 12.5)]
    [InlineData(I2cDataType.Float32, I2cByteOrder.BigEndian, I2cWordOrder.LowWordFirst, new byte[] { 0x00, 0x00, 0x41, 0x48 }, 12.5)]
    public void Reads_every_type_and_order_from_the_register_map(I2cDataType type, I2cByteOrder byteOrder, I2cWordOrder wordOrder, byte[] bytes, double expected)
    {
        var sim = new SimulatedRegisterDevice(0x20);
        bytes.CopyTo(sim.Registers, 0x10);
        var point = new I2cRegisterPoint(0x10, bytes.Length, type, byteOrder, wordOrder);

        double value = new I2cRegisterReader(sim).Read(point);

        Assert.Equal(expected, value);
        Assert.Equal(0x10 + bytes.Length, sim.Pointer); // one burst read with auto-increment
    }

    [Fact]
    public void Length_that_does_not_match_the_type_is_rejected_naming_the_register()
    {
        var reader = new I2cRegisterReader(new SimulatedRegisterDevice(0x20));

        var ex = Assert.Throws<ArgumentException>(() => reader.Read(new I2cRegisterPoint(0x2A, 3, I2cDataType.UInt16)));

        Assert.Contains("0x2A", ex.Message);
        Assert.Contains("UInt16", ex.Message);
    }

    [Fact]
    public void Point_running_past_register_0xFF_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new I2cRegisterPoint(0xFE, 4, I2cDataType.UInt32).Validate());
        Assert.Contains("0xFF", ex.Message);
    }

    [Fact]
    public void Decode_rejects_a_buffer_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => I2cRegisterReader.Decode([1, 2, 3], new I2cRegisterPoint(0, 4, I2cDataType.Int32)));
    }

    [Fact]
    public void Nack_is_translated_naming_bus_address_and_register()
    {
        var reader = new I2cRegisterReader(new AbsentI2cDevice(0x5A, busId: 3));

        var ex = Assert.Throws<I2cNotRespondingException>(() => reader.Read(new I2cRegisterPoint(0x07, 2, I2cDataType.Int16)));

        Assert.Equal("I2C bus 3, address 0x5A, register 0x07: device did not respond (NACK or bus error)", ex.Message);
    }
}
