using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusSourceFactoryTests
{
    private static readonly PointConfig[] OnePoint = [DeviceHarness.Point("v", ModbusTable.Holding, 0, PointType.UInt16)];

    [Theory]
    [InlineData(126, 2000, 8, 1, "maxRegisters must be 1..125")]
    [InlineData(125, 2001, 8, 1, "maxBits must be 1..2000")]
    [InlineData(125, 2000, -1, 1, "maxGap must not be negative")]
    [InlineData(125, 2000, 8, -1, "retries must not be negative")]
    public void Settings_outside_the_protocol_are_refused_with_the_device_named(int maxRegisters, int maxBits, int maxGap, int retries, string message)
    {
        var device = DeviceHarness.TcpDevice(502, OnePoint, d => d with
        {
            Retries = retries,
            Modbus = d.Modbus! with { MaxRegisters = maxRegisters, MaxBits = maxBits, MaxGap = maxGap },
        });
        var buses = new ModbusBusRegistry();
        var ex = Assert.Throws<ArgumentException>(() => ModbusSourceFactory.Create(0, device, new PointTable([device]), NullLoggerFactory.Instance, TimeProvider.System, buses));
        Assert.Contains("plc1", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData(0, ModbusFraming.Tcp, "pipeline must be 1..64, not 0")]
    [InlineData(65, ModbusFraming.Tcp, "pipeline must be 1..64, not 65")]
    [InlineData(2, ModbusFraming.RtuOverTcp, "pipeline 2 needs Modbus TCP framing")]
    public void A_pipeline_outside_its_range_or_without_transaction_ids_is_refused(int pipeline, ModbusFraming framing, string message)
    {
        var device = DeviceHarness.TcpDevice(502, OnePoint, d => d with { Modbus = d.Modbus! with { Pipeline = pipeline, Framing = framing } });
        var ex = Assert.Throws<ArgumentException>(() => ModbusSourceFactory.Create(0, device, new PointTable([device]), NullLoggerFactory.Instance, TimeProvider.System, new ModbusBusRegistry()));
        Assert.Contains("plc1", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Only_modbus_devices_at_their_index_are_accepted()
    {
        var modbus = DeviceHarness.TcpDevice(502, OnePoint);
        var other = new DeviceConfig { Id = "gpio", Gpio = new GpioDeviceConfig(0) };
        var table = new PointTable([modbus, other]);
        Assert.True(ModbusSourceFactory.Handles(modbus));
        Assert.False(ModbusSourceFactory.Handles(other));
        Assert.Throws<ArgumentException>(() => ModbusSourceFactory.Create(1, other, table, NullLoggerFactory.Instance, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => ModbusSourceFactory.Create(1, modbus, table, NullLoggerFactory.Instance, TimeProvider.System));
    }

    [Fact]
    public async Task A_device_without_points_runs_quietly_until_cancelled()
    {
        var device = DeviceHarness.TcpDevice(502, []);
        await using var source = ModbusSourceFactory.Create(0, device, new PointTable([device]), NullLoggerFactory.Instance, TimeProvider.System, new ModbusBusRegistry());
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await source.RunAsync(new CollectingSink(), stop.Token);
        Assert.Equal(DeviceState.Connecting, source.Status.State);
        Assert.Equal(0, source.Status.Polls);
        Assert.Equal(0, source.PlannedReads);
    }
}
