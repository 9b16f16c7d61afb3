using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusBlockPlannerTests
{
    private static readonly DeviceConfig Device = DeviceHarness.TcpDevice(502, []);

    private static ModbusPoint[] Points(ModbusTable table, params (ushort Address, PointType Type, int? Length)[] specs) =>
        specs.Select((s, i) => ModbusPointMapper.Map(
            new PointInfo(i, 0, "plc1", DeviceHarness.Point($"p{i}", table, s.Address, s.Type, length: s.Length)), Device))
            .OrderBy(p => p.Address).ToArray();

    private static string Describe(IEnumerable<ModbusReadBlock> blocks) =>
        string.Join(" ", blocks.Select(b => $"{b.Address}+{b.Count}{(b.Isolated ? "!" : "")}"));

    [Fact]
    public void Contiguous_points_become_one_read()
    {
        var points = Points(ModbusTable.Holding, (0, PointType.UInt16, null), (1, PointType.Int16, null), (2, PointType.Float32, null), (4, PointType.Float64, null));
        Assert.Equal("0+8", Describe(ModbusBlockPlanner.Plan(points, maxGap: 0, maxCount: 125)));
    }

    [Fact]
    public void Gaps_up_to_max_gap_are_bridged_and_larger_ones_split()
    {
        var points = Points(ModbusTable.Holding, (0, PointType.UInt16, null), (5, PointType.UInt16, null), (20, PointType.UInt32, null));
        Assert.Equal("0+6 20+2", Describe(ModbusBlockPlanner.Plan(points, maxGap: 4, maxCount: 125)));
        Assert.Equal("0+1 5+1 20+2", Describe(ModbusBlockPlanner.Plan(points, maxGap: 3, maxCount: 125)));
        Assert.Equal("0+22", Describe(ModbusBlockPlanner.Plan(points, maxGap: 14, maxCount: 125)));
    }

    [Fact]
    public void Blocks_stay_within_the_device_limit_and_never_split_a_point()
    {
        var points = Points(ModbusTable.Holding, (0, PointType.Float32, null), (2, PointType.Float32, null), (4, PointType.Float32, null), (6, PointType.Float64, null));
        Assert.Equal("0+4 4+2 6+4", Describe(ModbusBlockPlanner.Plan(points, maxGap: 8, maxCount: 5)));
        Assert.Equal("0+2 2+2 4+2 6+4", Describe(ModbusBlockPlanner.Plan(points, maxGap: 8, maxCount: 2)));
    }

    [Fact]
    public void The_protocol_limit_of_125_registers_splits_long_runs()
    {
        var points = Points(ModbusTable.Input, Enumerable.Range(0, 300).Select(a => ((ushort)a, PointType.UInt16, (int?)null)).ToArray());
        Assert.Equal("0+125 125+125 250+50", Describe(ModbusBlockPlanner.Plan(points, maxGap: 8, maxCount: 125)));
    }

    [Fact]
    public void Strings_span_their_length_and_overlapping_points_share_registers()
    {
        var points = Points(ModbusTable.Holding, (10, PointType.String, 8), (12, PointType.UInt16, null), (17, PointType.UInt32, null));
        Assert.Equal("10+9", Describe(ModbusBlockPlanner.Plan(points, maxGap: 0, maxCount: 125)));
    }

    [Fact]
    public void Bits_merge_up_to_the_bit_limit()
    {
        var points = Points(ModbusTable.Coil, Enumerable.Range(0, 2100).Where(a => a % 3 == 0).Select(a => ((ushort)a, PointType.Bool, (int?)null)).ToArray());
        Assert.Equal("0+1999 2001+97", Describe(ModbusBlockPlanner.Plan(points, maxGap: 8, maxCount: 2000)));
    }

    [Fact]
    public void Isolated_points_are_read_alone_and_cuts_are_not_crossed()
    {
        var points = Points(ModbusTable.Holding, (0, PointType.UInt16, null), (1, PointType.UInt16, null), (2, PointType.UInt16, null), (4, PointType.UInt16, null), (5, PointType.UInt16, null));
        var plan = ModbusBlockPlanner.Plan(points, maxGap: 8, maxCount: 125, cuts: new HashSet<int> { 3 }, isolated: new HashSet<int> { 1 });
        Assert.Equal("0+1 1+1! 2+3 5+1", Describe(plan));
        Assert.Equal([0, 1, 2, 4], plan.Select(b => b.First));
        Assert.Equal([0, 1, 3, 4], plan.Select(b => b.Last));
    }

    [Fact]
    public void Scan_classes_group_by_interval_then_unit_and_table()
    {
        var device = DeviceHarness.TcpDevice(502, []);
        var configs = new[]
        {
            DeviceHarness.Point("a", ModbusTable.Holding, 0, PointType.UInt16),
            DeviceHarness.Point("b", ModbusTable.Holding, 1, PointType.UInt16, poll: TimeSpan.FromSeconds(5)),
            DeviceHarness.Point("c", ModbusTable.Holding, 2, PointType.UInt16),
            DeviceHarness.Point("d", ModbusTable.Holding, 3, PointType.UInt16, unit: 2),
            DeviceHarness.Point("e", ModbusTable.Coil, 0, PointType.Bool),
        };
        var points = configs.Select((c, i) => ModbusPointMapper.Map(new PointInfo(i, 0, "plc1", c), device)).ToArray();
        var classes = ModbusScanClass.Build(points, maxGap: 8, maxRegisters: 125, maxBits: 2000, DateTimeOffset.UtcNow);

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)], classes.Select(c => c.Interval));
        var fast = classes[0];
        Assert.Equal(4, fast.PointCount);
        Assert.Equal(
            ["1 Coils 0+1", "1 HoldingRegisters 0+3", "2 HoldingRegisters 3+1"],
            fast.Groups.Select(g => $"{g.Unit} {g.Table} {Describe(g.Blocks)}"));
        Assert.Equal("1 HoldingRegisters 1+1", $"{classes[1].Groups[0].Unit} {classes[1].Groups[0].Table} {Describe(classes[1].Groups[0].Blocks)}");
    }

    [Fact]
    public void Group_replan_forgets_isolation()
    {
        var points = Points(ModbusTable.Holding, (0, PointType.UInt16, null), (1, PointType.UInt16, null), (2, PointType.UInt16, null));
        var group = new ModbusBlockGroup(points, maxGap: 8, maxRegisters: 125, maxBits: 2000, DateTimeOffset.UtcNow);
        group.Isolate(1);
        group.AddCut(1);
        group.Rebuild();
        Assert.Equal("0+1 1+1! 2+1", Describe(group.Blocks));
        Assert.True(group.HasConstraints);
        group.Replan(DateTimeOffset.UtcNow);
        Assert.Equal("0+3", Describe(group.Blocks));
        Assert.False(group.HasConstraints);
        Assert.Equal(ModbusDataTable.HoldingRegisters, group.Table);
    }
}
