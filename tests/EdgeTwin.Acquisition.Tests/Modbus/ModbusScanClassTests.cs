using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusScanClassTests
{
    [Fact]
    public async Task A_point_with_its_own_poll_is_read_at_its_own_rate_in_the_same_loop()
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10));
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var points = new[]
        {
            DeviceHarness.Point("fast", ModbusTable.Holding, 0, PointType.UInt16, poll: TimeSpan.FromMilliseconds(100)),
            DeviceHarness.Point("slow", ModbusTable.Holding, 1, PointType.UInt16),
        };
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, points, d => d with { Poll = TimeSpan.FromSeconds(1) })]);
        var fast = harness.IndexOf("fast");
        var slow = harness.IndexOf("slow");

        var first = await harness.Sink.NextAsync();
        Assert.True(first.Has(fast) && first.Has(slow)); // both classes are due at start

        int fastCount = 0, slowCount = 0;
        while (fastCount < 6)
        {
            var batch = await harness.Sink.NextAsync();
            fastCount += batch.Has(fast) ? 1 : 0;
            slowCount += batch.Has(slow) ? 1 : 0;
        }

        // Six fast cycles (~600 ms) fit less than one slow interval: the slow point was read at most once more.
        Assert.InRange(slowCount, 0, 1);
        Assert.Equal(2, harness.Source.PlannedReads);
    }
}
