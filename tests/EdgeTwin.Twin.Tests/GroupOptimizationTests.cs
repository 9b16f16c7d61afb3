using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Testing;
using EdgeTwin.Twin.Optimization;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Tests;

/// <summary>
/// The optimiser on a group of two rooms, each cooled by its own chiller and each identified by the twin from its
/// own data: room 1 settles at its set-point plus 2 K, room 2 (a larger heat load) at its set-point plus 4 K, cooling
/// power 0.5 kW per K below 35 °C each. "Minimize power subject to temperature &lt;= 27" on the group is each room's
/// own optimum: set-points 25 and 23 °C.
/// </summary>
public sealed class GroupOptimizationTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, (double, double)> Range = new() { ["setpoint"] = (15, 30) };
    private static readonly TwinEngine Twin = IdentifiedRooms(1500);

    /// <summary>Two rooms after <paramref name="steps"/> 10 s steps of excited set-points, back at 22 °C at the end; room 2's model steps <paramref name="step2"/> seconds.</summary>
    private static TwinEngine IdentifiedRooms(int steps, int step2 = 10)
    {
        var table = new PointTable(
        [
            new DeviceConfig
            {
                Id = "plc1",
                Poll = TimeSpan.FromSeconds(10),
                Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
                Points = [new PointConfig { Id = "t1" }, new PointConfig { Id = "sp1" }, new PointConfig { Id = "t2" }, new PointConfig { Id = "sp2" }],
            },
        ]);
        AssetConfig Room(int n, int step) => new()
        {
            Id = "chiller" + n,
            Type = "chiller",
            Properties = new Dictionary<string, string> { ["temperature"] = $"plc1/t{n}", ["setpoint"] = $"plc1/sp{n}" },
            Derived = [new DerivedConfig("power", "0.5 * (35 - setpoint)", "kW")],
            Dynamics = new DynamicsConfig(["setpoint"], ["temperature"], TimeSpan.FromSeconds(step)),
        };
        var twin = new TwinEngine(table, [Room(1, 10), Room(2, step2)]);
        foreach (var (time, values) in TwoRoomPlant.Steps(T0, steps, noise: 0.02))
        {
            var batch = SampleBatch.Rent(0, time, values.Length);
            for (var point = 0; point < values.Length; point++)
            {
                batch.Add(new Sample(point, time, values[point], Quality.Good));
            }

            twin.Apply(batch);
            batch.Return();
        }

        return twin;
    }

    private static GroupOptimizationResult Solve(string objective, string[] constraints, Dictionary<string, (double, double)>? decision = null, string[]? assets = null) =>
        AssetOptimizer.SolveGroup(Twin, "chillers", assets ?? ["chiller1", "chiller2"], new OptimizeRequest(decision ?? Range, objective, constraints, TimeSpan.FromHours(1)));

    [Fact]
    public void The_group_optimum_of_total_power_is_each_assets_own_optimum_and_keeps_every_asset_constraint()
    {
        var group = Solve("minimize power", ["temperature <= 27"]);
        var result = group.Combined;

        Assert.True(result.Feasible, result.Message);
        Assert.Equal(["chiller1.setpoint", "chiller2.setpoint"], group.Decisions.Select(d => d.Name));
        Assert.Equal([("chiller1", "setpoint"), ("chiller2", "setpoint")], group.Decisions.Select(d => (d.Asset, d.Property)));
        Assert.Equal(25, result.Best["chiller1.setpoint"], 0.3);
        Assert.Equal(23, result.Best["chiller2.setpoint"], 0.3);
        Assert.Equal(22, result.Current["chiller1.setpoint"], 6);
        Assert.Equal(13, result.CurrentObjective, 0.01);                                  // 2 × 6.5 kW: "power" is the sum
        Assert.Equal(0.5 * (35 - 25) + 0.5 * (35 - 23), result.Objective, 0.3);

        // One constraint per asset, each kept at every step of that asset's own trajectory.
        Assert.Equal(["chiller1: temperature <= 27", "chiller2: temperature <= 27"], result.Margins.Select(m => m.Constraint));
        Assert.All(result.Margins, m => Assert.InRange(m.Margin, 0, 0.3));
        Assert.Equal(["chiller1", "chiller2"], group.Trajectories.Keys.Order());
        Assert.All(group.Trajectories.Values, t => Assert.True(t.Outputs["temperature"].All(x => x <= 27), string.Join(", ", t.Outputs["temperature"])));
        Assert.Equal(22, group.Baselines["chiller2"].Inputs["setpoint"][0], 6);
        Assert.Equal(result.Best["chiller2.setpoint"], group.Trajectories["chiller2"].Inputs["setpoint"][0], 9);
        Assert.Contains("chiller1.setpoint 22 -> 25", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assets_with_different_model_steps_are_combined_on_the_union_of_their_time_points()
    {
        var twin = IdentifiedRooms(1500, step2: 20);
        var group = AssetOptimizer.SolveGroup(twin, null, ["chiller1", "chiller2"], new OptimizeRequest(Range, "minimize power", ["temperature <= 27"], TimeSpan.FromHours(1)));
        var result = group.Combined;

        Assert.True(result.Feasible, result.Message);
        Assert.Equal(25, result.Best["chiller1.setpoint"], 0.3);
        Assert.Equal(23, result.Best["chiller2.setpoint"], 0.3);
        Assert.Equal(360, group.Trajectories["chiller1"].Times.Length);
        Assert.Equal(180, group.Trajectories["chiller2"].Times.Length);

        // On the 10 s grid room 2's 20 s points are held: its first point stands for 10 s too, then each for two steps.
        var combined = result.Trajectory;
        var own = group.Trajectories["chiller2"].Outputs["temperature"];
        Assert.Equal(group.Trajectories["chiller1"].Times, combined.Times);
        Assert.Equal(own[0], combined.Outputs["chiller2.temperature"][0]);
        Assert.Equal(own[0], combined.Outputs["chiller2.temperature"][1]);
        Assert.Equal(own[0], combined.Outputs["chiller2.temperature"][2]);
        Assert.Equal(own[1], combined.Outputs["chiller2.temperature"][3]);
        Assert.Equal(own[^1], combined.Outputs["chiller2.temperature"][^1]);
        Assert.Equal(group.Trajectories["chiller1"].Outputs["temperature"], combined.Outputs["chiller1.temperature"]);
    }

    [Fact]
    public void Dotted_names_decide_constrain_and_weigh_single_assets()
    {
        // Only chiller2 decided, its own tighter limit, its power weighed twice: chiller1 is left as it is.
        var result = Solve("chiller1.power + 2 * chiller2.power", ["chiller2.temperature <= 26"], new() { ["chiller2.setpoint"] = (15, 30) }).Combined;
        Assert.True(result.Feasible, result.Message);
        Assert.Equal(["chiller2.setpoint"], result.Best.Keys);
        Assert.Equal(22, result.Best["chiller2.setpoint"], 0.3);
        Assert.Equal("chiller2.temperature <= 26", Assert.Single(result.Margins).Constraint);
    }

    [Fact]
    public void An_infeasible_group_names_the_failing_asset_constraint()
    {
        // Set-points of at least 23 °C: room 1 settles at 25 °C at the coldest, room 2 at 27 °C, over the 26.5 °C limit.
        var result = Solve("minimize power", ["temperature <= 26.5"], new() { ["setpoint"] = (23, 30) }).Combined;

        Assert.False(result.Feasible);
        Assert.StartsWith("infeasible:", result.Message, StringComparison.Ordinal);
        Assert.Matches(@"; chiller2: temperature <= 26\.5 fails by 0\.(49|50)\d* at best", result.Message);
        Assert.DoesNotContain("chiller1: temperature <= 26.5 fails", result.Message, StringComparison.Ordinal);
        Assert.Equal(23, result.Best["chiller2.setpoint"], 0.3);                          // the closest: as cold as allowed
        Assert.True(result.Margins.Single(m => m.Constraint.StartsWith("chiller1", StringComparison.Ordinal)).Margin >= 0);
    }

    [Fact]
    public void Bad_groups_and_decisions_are_refused_naming_the_asset()
    {
        string Refused(Func<GroupOptimizationResult> solve) => Assert.Throws<OptimizationException>(solve).Message;

        Assert.Equal("unknown asset 'chiller9' in group 'chillers'", Refused(() => Solve("minimize power", [], assets: ["chiller1", "chiller9"])));
        Assert.Equal("asset 'chiller1' is listed twice in group 'chillers'", Refused(() => Solve("minimize power", [], assets: ["chiller1", "chiller1"])));
        Assert.Equal("group 'chillers' has no assets", Refused(() => Solve("minimize power", [], assets: [])));
        Assert.StartsWith("decision 'temperature' is not an input of the dynamics model of any asset of group 'chillers' (inputs: chiller1: setpoint; chiller2: setpoint)", Refused(() => Solve("minimize power", [], new() { ["temperature"] = (0, 1) })), StringComparison.Ordinal);
        Assert.StartsWith("decision 'chiller3.setpoint': 'chiller3' is not an asset of group 'chillers'", Refused(() => Solve("minimize power", [], new() { ["chiller3.setpoint"] = (0, 1) })), StringComparison.Ordinal);
        Assert.Contains("already decided", Refused(() => Solve("minimize power", [], new() { ["setpoint"] = (15, 30), ["chiller1.setpoint"] = (20, 21) })), StringComparison.Ordinal);
        Assert.Contains("chiller3.power", Refused(() => Solve("minimize chiller3.power", [])), StringComparison.Ordinal);

        var fresh = IdentifiedRooms(5);
        Assert.Contains("no identified dynamics yet", Assert.Throws<WhatIfException>(() => AssetOptimizer.SolveGroup(fresh, null, ["chiller1", "chiller2"], new OptimizeRequest(Range, "minimize power", [], TimeSpan.FromHours(1)))).Message, StringComparison.Ordinal);
    }
}
