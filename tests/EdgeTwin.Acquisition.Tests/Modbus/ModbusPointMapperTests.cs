using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusPointMapperTests
{
    private static readonly DeviceConfig Device = DeviceHarness.TcpDevice(502, [], unit: 4);

    private static ModbusPoint Map(PointConfig config) => ModbusPointMapper.Map(new PointInfo(0, 0, "plc1", config), Device);

    [Fact]
    public void Resolves_unit_table_width_order_and_interval()
    {
        var point = Map(DeviceHarness.Point("f", ModbusTable.Input, 10, PointType.Float64, WordOrder.DCBA, poll: TimeSpan.FromSeconds(3)));
        Assert.Equal(4, point.Unit);
        Assert.Equal(ModbusDataTable.InputRegisters, point.Table);
        Assert.Equal(4, point.Width);
        Assert.Equal(ModbusWordOrder.DCBA, point.Order);
        Assert.Equal(TimeSpan.FromSeconds(3), point.Interval);
        Assert.True(point.Scaled);

        var own = Map(DeviceHarness.Point("g", ModbusTable.Coil, 1, PointType.Bool, unit: 9));
        Assert.Equal(9, own.Unit);
        Assert.Equal(Device.Poll, own.Interval);
        Assert.False(own.Scaled);
    }

    [Theory]
    [InlineData(ModbusTable.Coil, PointType.UInt16, null, null, "holds single bits")]
    [InlineData(ModbusTable.Holding, PointType.UInt16, 3, null, "bit 3 needs a bool point")]
    [InlineData(ModbusTable.Holding, PointType.Bool, 16, null, "must be 0..15")]
    [InlineData(ModbusTable.Holding, PointType.String, null, null, "needs a length")]
    [InlineData(ModbusTable.Holding, PointType.String, null, 126, "1..125")]
    [InlineData(ModbusTable.Holding, PointType.Counter, null, null, "not a Modbus data shape")]
    public void Refuses_points_that_cannot_be_polled(ModbusTable table, PointType type, int? bit, int? length, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Map(DeviceHarness.Point("bad", table, 0, type, bit: bit, length: length)));
        Assert.Contains("plc1/bad", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Refuses_a_point_running_past_the_address_space()
    {
        var ex = Assert.Throws<ArgumentException>(() => Map(DeviceHarness.Point("end", ModbusTable.Holding, 65535, PointType.Float32)));
        Assert.Contains("past 65535", ex.Message);
    }

    [Fact]
    public void Enumerations_keep_their_raw_code()
    {
        var config = DeviceHarness.Point("mode", ModbusTable.Holding, 0, PointType.UInt16, scale: 10) with { Enum = new Dictionary<long, string> { [1] = "auto" } };
        Assert.False(Map(config).Scaled);
    }
}
