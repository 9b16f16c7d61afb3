using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Devices.Tests.Simulation;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusPollPhaseTests
{
    [Theory]
    [InlineData(null, 9999, 1600.0)] // auto, 10,000 points a second: device 1 polls at the place 0.618 of the interval falls in (6 of 10)
    [InlineData(null, 2999, 1333.0)] // auto, 3,000 points a second: 3 places; 0.618 falls in the second, a third into the interval
    [InlineData(null, 1, 1000.0)]    // auto, 2 points a second: too few to spread, in step
    [InlineData(250, 1, 1250.0)]
    [InlineData(0, 9999, 1000.0)]    // in step with every device that polls at 0
    public async Task After_its_first_poll_a_device_polls_at_its_place_in_the_interval(int? offsetMs, int otherPoints, double firstGapMs)
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10));
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        // Polls wait on simulated time (no test waits a real second); the reads themselves go to a real server.
        var clock = new SimulatedClock { AutoAdvance = true };
        var devices = new[]
        {
            // Not run: its points only count for the places of the interval.
            DeviceHarness.TcpDevice(
                server.Port,
                Enumerable.Range(0, otherPoints).Select(i => DeviceHarness.Point($"a{i}", ModbusTable.Holding, 0, PointType.UInt16)).ToArray(),
                d => d with { Poll = TimeSpan.FromSeconds(1) },
                id: "plc0"),
            DeviceHarness.TcpDevice(server.Port, [DeviceHarness.Point("b", ModbusTable.Holding, 1, PointType.UInt16)], d => d with
            {
                Poll = TimeSpan.FromSeconds(1),
                PollOffset = offsetMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            }, id: "plc1"),
        };
        await using var harness = DeviceHarness.Create(devices, index: 1, time: clock);
        harness.Run();

        var times = new List<DateTime>();
        for (var i = 0; i < 4; i++)
        {
            times.Add((await harness.Sink.NextAsync()).CycleTime);
        }

        Assert.Equal(firstGapMs, (times[1] - times[0]).TotalMilliseconds, 0.001);
        Assert.Equal(1000.0, (times[2] - times[1]).TotalMilliseconds, 0.001);
        Assert.Equal(1000.0, (times[3] - times[2]).TotalMilliseconds, 0.001);
    }
}
