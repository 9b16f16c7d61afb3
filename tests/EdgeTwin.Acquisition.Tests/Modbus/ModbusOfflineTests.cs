using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>A dead device goes Offline, is retried with growing back-off, and comes back by itself.</summary>
public sealed class ModbusOfflineTests
{
    [Fact]
    public async Task A_dead_device_goes_offline_backs_off_and_comes_back_when_the_server_returns()
    {
        var port = FreePort.Get();
        var points = new[] { DeviceHarness.Point("v", Core.Configuration.ModbusTable.Holding, 3, Core.Points.PointType.UInt16) };
        var device = DeviceHarness.TcpDevice(port, points, d => d with { Poll = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) });
        await using var harness = DeviceHarness.Start([device]);

        // Nothing listens: every attempt fails fast (connection refused) and produces bad samples.
        var times = new List<DateTime>();
        for (var i = 0; i < 5; i++)
        {
            var batch = await harness.Sink.NextAsync();
            var sample = Assert.Single(batch.Samples);
            Assert.Equal(Quality.Bad, sample.Quality);
            Assert.Contains($"127.0.0.1:{port}", sample.Text);
            times.Add(batch.CycleTime);
        }

        Assert.Equal(DeviceState.Offline, harness.Source.Status.State);
        Assert.Contains("Cannot connect", harness.Source.Status.LastError);
        Assert.True(harness.Source.Status.Errors >= 4);

        // Back-off doubles from 100 ms (±20 % jitter) up to MaxBackoff: the 4th wait (~800 ms) is far longer than the
        // 2nd (~200 ms), and it never shrinks to the poll interval. (The first gap also holds warm-up, so it is not used.)
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        // Only lower bounds: a loaded machine can only lengthen a gap.
        Assert.True(gaps[1] >= 150 && gaps[3] >= 600, string.Join(", ", gaps));

        // The device comes back on the same port.
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10)).SetRegisters(ModbusDataTable.HoldingRegisters, 3, [33]);
        await using var server = new ModbusTcpServer(store, new ModbusTcpServerOptions { Port = port });
        await server.StartAsync();
        var good = await harness.Sink.WaitForAsync(b => b.Samples[0].Quality == Quality.Good, TimeSpan.FromSeconds(10));
        Assert.Equal(33, good.Samples[0].Value);
        await ModbusDecodingTests.WaitUntil(() => harness.Source.Status.State == DeviceState.Online);
        Assert.Null(harness.Source.Status.LastError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_server_that_drops_connections_is_reconnected_and_counted(int pipeline)
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10));
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var points = new[] { DeviceHarness.Point("v", Core.Configuration.ModbusTable.Holding, 0, Core.Points.PointType.UInt16) };
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, points, d => d with { Retries = 1, Modbus = d.Modbus! with { Pipeline = pipeline } })]);
        await harness.Sink.WaitForAsync(b => b.Samples[0].Quality == Quality.Good);
        for (var drop = 0; drop < 3; drop++)
        {
            server.DropConnections();
            await ModbusDecodingTests.WaitUntil(() => harness.Source.Status.Reconnects > drop);
            await harness.Sink.WaitForAsync(b => b.Samples[0].Quality == Quality.Good);
        }

        Assert.Equal(3, harness.Source.Status.Reconnects);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_unit_that_never_answers_is_offline_while_its_server_is_fine(int pipeline)
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10));
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var points = new[] { DeviceHarness.Point("v", Core.Configuration.ModbusTable.Holding, 0, Core.Points.PointType.UInt16) };
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, points, d => d with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1, Modbus = d.Modbus! with { Pipeline = pipeline } }, unit: 9)]);
        var batch = await harness.Sink.NextAsync();
        Assert.Equal(Quality.Bad, batch.Samples[0].Quality);
        Assert.Contains("Unit 9 did not answer", batch.Samples[0].Text);
        Assert.Equal(DeviceState.Offline, harness.Source.Status.State);
        Assert.Equal(2, harness.Source.Status.Timeouts); // one request (alone or pipelined) + one retry
    }
}
