using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>A point that makes its block fail is isolated; the rest keep flowing.</summary>
public sealed class ModbusIsolationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Against_pymodbus_an_illegal_point_is_isolated_and_its_neighbours_stay_good(int pipeline)
    {
        var (peer, port) = await ModbusPeer.StartPymodbusTcpAsync();
        using (peer)
        {
            // pymodbus: holding 0..199 exist except 150; 200+ do not.
            var points = new List<PointConfig>();
            for (ushort a = 140; a <= 160; a += 2)
            {
                points.Add(DeviceHarness.Point($"hr{a}", ModbusTable.Holding, a, PointType.UInt16));
            }

            points.Add(DeviceHarness.Point("hr199", ModbusTable.Holding, 199, PointType.UInt16));
            points.Add(DeviceHarness.Point("hr201", ModbusTable.Holding, 201, PointType.UInt16));
            await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(port, points, d => d with { Modbus = d.Modbus! with { Pipeline = pipeline } })]);

            // The first cycle already bisects and delivers every point once.
            var first = await harness.Sink.NextAsync();
            Assert.Equal(points.Count, first.Samples.Length);
            Assert.Equal(points.Count, first.Samples.Select(s => s.Point).Distinct().Count());
            AssertIsolated(harness, first);

            // Later cycles use the new plan: [140..148] [150] [152..160] [199] [201].
            var later = await harness.Sink.NextAsync();
            AssertIsolated(harness, later);
            Assert.Equal(5, harness.Source.PlannedReads);
            Assert.Equal(DeviceState.Degraded, harness.Source.Status.State);
            Assert.Contains("IllegalDataAddress", harness.Source.Status.LastError);
        }
    }

    [Fact]
    public async Task A_hole_in_a_gap_between_points_cuts_the_block_without_marking_anything_bad()
    {
        var store = new ModbusMemoryStore();
        var memory = store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 100));
        memory.AddHole(ModbusDataTable.HoldingRegisters, 21);
        memory.SetRegisters(ModbusDataTable.HoldingRegisters, 20, [20, 0, 22]);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var points = new[]
        {
            DeviceHarness.Point("a", ModbusTable.Holding, 20, PointType.UInt16),
            DeviceHarness.Point("b", ModbusTable.Holding, 22, PointType.UInt16),
        };
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, points)]);
        var batch = await harness.Sink.NextAsync();
        Assert.All(batch.Samples, s => Assert.Equal(Quality.Good, s.Quality));
        Assert.Equal(20, batch.Of(harness.IndexOf("a")).Value);
        Assert.Equal(22, batch.Of(harness.IndexOf("b")).Value);
        Assert.Equal(2, harness.Source.PlannedReads);
        await ModbusDecodingTests.WaitUntil(() => harness.Source.Status.State == DeviceState.Online);
    }

    [Fact]
    public async Task Isolated_points_are_merged_again_after_the_replan_interval_once_the_device_is_fixed()
    {
        var store = new ModbusMemoryStore();
        var broken = new ModbusUnitMemory(holdingRegisters: 100);
        broken.AddHole(ModbusDataTable.HoldingRegisters, 5);
        store.AddUnit(1, broken);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var points = Enumerable.Range(0, 8).Select(a => DeviceHarness.Point($"p{a}", ModbusTable.Holding, (ushort)a, PointType.UInt16)).ToArray();
        var devices = new[] { DeviceHarness.TcpDevice(server.Port, points) };
        await using var harness = DeviceHarness.Create(devices);
        var source = harness.Source;
        source.ReplanInterval = TimeSpan.FromMilliseconds(500);
        harness.Run();

        var first = await harness.Sink.NextAsync();
        Assert.Equal(Quality.Bad, first.Of(harness.IndexOf("p5")).Quality);
        Assert.Equal("Modbus exception 2 (IllegalDataAddress) reading holding 5", first.Of(harness.IndexOf("p5")).Text);
        Assert.True(source.PlannedReads > 1);

        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 100)); // the PLC was reconfigured
        await harness.Sink.WaitForAsync(b => b.Samples.All(s => s.Quality == Quality.Good));
        await ModbusDecodingTests.WaitUntil(() => source.PlannedReads == 1);
    }

    private static void AssertIsolated(DeviceHarness harness, CollectedBatch batch)
    {
        var bad150 = batch.Of(harness.IndexOf("hr150"));
        Assert.Equal(Quality.Bad, bad150.Quality);
        Assert.Equal("Modbus exception 2 (IllegalDataAddress) reading holding 150", bad150.Text);
        var bad201 = batch.Of(harness.IndexOf("hr201"));
        Assert.Equal(Quality.Bad, bad201.Quality);
        Assert.Contains("exception 2", bad201.Text);
        foreach (var a in new[] { 140, 148, 152, 160, 199 })
        {
            var good = batch.Of(harness.IndexOf($"hr{a}"));
            Assert.True(good.Quality == Quality.Good, $"hr{a}: {good.Text}");
            Assert.Equal(a, good.Value);
        }
    }
}
