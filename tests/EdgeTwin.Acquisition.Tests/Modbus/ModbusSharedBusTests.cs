using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>Several devices on one RTU bus (a socat pty with the pymodbus RTU server, units 1 and 2).</summary>
public sealed class ModbusSharedBusTests
{
    private static DeviceConfig SerialDevice(string id, string port, byte unit, int baud = 9600) => new()
    {
        Id = id,
        Poll = TimeSpan.FromMilliseconds(200),
        Timeout = TimeSpan.FromMilliseconds(id == "dead" ? 300 : 2000),
        Retries = 0,
        MaxBackoff = TimeSpan.FromSeconds(2),
        Modbus = new ModbusDeviceConfig { Serial = port, Framing = ModbusFraming.Rtu, Unit = unit, Baud = baud },
        Points =
        [
            DeviceHarness.Point("hr0", ModbusTable.Holding, 0, PointType.UInt16),
            DeviceHarness.Point("temp", ModbusTable.Holding, 2, PointType.Float32),
        ],
    };

    [Fact]
    public async Task Devices_on_one_port_share_a_client_and_a_dead_unit_does_not_stall_the_others()
    {
        var directory = Directory.CreateTempSubdirectory("edgetwin-acq-rtu-").FullName;
        try
        {
            using var socat = await ModbusPeer.StartSocatAsync(directory);
            using var pymodbus = await ModbusPeer.StartPymodbusRtuAsync(Path.Combine(directory, "ttyA"), units: "1,2");
            var port = Path.Combine(directory, "ttyB");
            DeviceConfig[] devices = [SerialDevice("one", port, 1), SerialDevice("two", port, 2), SerialDevice("dead", port, 3)];
            var buses = new ModbusBusRegistry();
            await using var one = DeviceHarness.Start(devices, 0, buses);
            await using var two = DeviceHarness.Start(devices, 1, buses);
            await using var dead = DeviceHarness.Start(devices, 2, buses);
            Assert.Same(one.Source.Client, two.Source.Client);
            Assert.Same(one.Source.Client, dead.Source.Client);
            Assert.Equal(1, buses.OpenBuses);

            var deadBatch = await dead.Sink.NextAsync();
            Assert.All(deadBatch.Samples, s => Assert.Equal(Quality.Bad, s.Quality));
            Assert.Contains("Unit 3 did not answer", deadBatch.Samples[0].Text);

            // While unit 3 keeps timing out, units 1 and 2 keep delivering good cycles.
            for (var i = 0; i < 3; i++)
            {
                var batch = await one.Sink.WaitForAsync(b => b.Samples.All(s => s.Quality == Quality.Good));
                Assert.Equal(1234, batch.Of(one.IndexOf("hr0")).Value);
                Assert.Equal(21.5, batch.Of(one.IndexOf("temp")).Value);
                await two.Sink.WaitForAsync(b => b.Samples.All(s => s.Quality == Quality.Good));
            }

            Assert.Equal(DeviceState.Offline, dead.Source.Status.State);
            Assert.Equal(DeviceState.Online, one.Source.Status.State);
            Assert.Equal(DeviceState.Online, two.Source.Status.State);
            Assert.Equal(TimeSpan.FromMilliseconds(300), one.Source.Client.TimeoutOf(3));
            Assert.Equal(TimeSpan.FromSeconds(2), one.Source.Client.TimeoutOf(1));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Devices_on_one_port_with_different_line_settings_are_refused()
    {
        DeviceConfig[] devices = [SerialDevice("a", "/dev/ttyEdgeTwinTest0", 1), SerialDevice("b", "/dev/ttyEdgeTwinTest0", 2, baud: 19200)];
        var buses = new ModbusBusRegistry();
        var table = new PointTable(devices);
        var first = ModbusSourceFactory.Create(0, devices[0], table, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, buses);
        var ex = Assert.Throws<ArgumentException>(() => ModbusSourceFactory.Create(1, devices[1], table, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, buses));
        Assert.Contains("Devices a and b share /dev/ttyEdgeTwinTest0 with different line settings", ex.Message);
        Assert.Equal(1, buses.OpenBuses);
        await first.DisposeAsync();
        Assert.Equal(0, buses.OpenBuses);
    }
}
