using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.Expressions;
using EdgeTwin.Twin.Optimization;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Tests;

/// <summary>
/// The set-point optimiser on a room cooled by a chiller whose optimum is known: the temperature settles at the
/// set-point plus a 2 K heat load (first order, 5 % per 10 s step, from 24 °C), cooling power is 0.5 kW per K below
/// 35 °C, so "minimize power subject to temperature &lt;= L" is the set-point L - 2 (as high as the limit allows).
/// </summary>
public sealed class OptimizationTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<(string, Formula)> Power = [("power", Formula.Compile("0.5 * (35 - setpoint)"))];

    private static readonly Dictionary<string, double> Now = new() { ["setpoint"] = 22, ["fan"] = 50 };

    /// <summary>The room over <paramref name="steps"/> steps of 10 s with the given inputs held.</summary>
    private static WhatIfResult Room(IReadOnlyDictionary<string, double> inputs, int steps = 360)
    {
        var s = inputs.GetValueOrDefault("setpoint", Now["setpoint"]);
        var fan = inputs.GetValueOrDefault("fan", Now["fan"]);
        var times = new double[steps];
        var temperature = new double[steps];
        var t = 24.0;
        for (var k = 0; k < steps; k++)
        {
            t += 0.05 * (s + 2 - t);
            times[k] = 10 * (k + 1);
            temperature[k] = t;
        }

        return new WhatIfResult("room", T0, TimeSpan.FromSeconds(10), times,
            new Dictionary<string, double[]> { ["temperature"] = temperature },
            new Dictionary<string, double[]> { ["setpoint"] = Enumerable.Repeat(s, steps).ToArray(), ["fan"] = Enumerable.Repeat(fan, steps).ToArray() },
            [], new Dictionary<string, double>(), []);
    }

    private static readonly HashSet<string> Known = ["temperature", "setpoint", "fan", "power"];

    private static OptimizationResult Solve(string objective, string[] constraints, params DecisionVariable[] decisions)
    {
        var problem = new OptimizationProblem(decisions, OptimizationObjective.Parse(objective, Known), constraints.Select(c => OptimizationConstraint.Parse(c, Known)).ToList(), TimeSpan.FromHours(1), Power);
        return new SetpointOptimizer(problem, d => Room(d)).Solve(Now);
    }

    [Fact]
    public void Minimum_power_under_a_temperature_limit_is_the_analytic_set_point()
    {
        var result = Solve("minimize power", ["temperature <= 27"], new DecisionVariable("setpoint", 15, 30));

        Assert.True(result.Feasible, result.Message);
        Assert.Equal(25, result.Best["setpoint"], 0.01);
        Assert.Equal(22, result.Current["setpoint"]);
        Assert.Equal(6.5, result.CurrentObjective, 6);
        Assert.Equal(5, result.Objective, 0.01);
        Assert.Equal(-0.2308, result.RelativeChange!.Value, 0.002);           // 23 % less cooling power
        var margin = Assert.Single(result.Margins);
        Assert.InRange(margin.Margin, 0, 0.02);                                // on the limit, never over it
        Assert.Equal(3600, margin.AtSeconds);                                  // tightest at the end of the horizon
        Assert.True(result.Trajectory.Outputs["temperature"].All(t => t <= 27), "the answered trajectory crosses the limit");
        Assert.Equal(3, result.CurrentMargins[0].Margin, 0.01);               // the current 22 °C keeps the room at 24 °C
        Assert.Contains("setpoint 22 -> 25", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_and_formula_objectives_with_active_bounds()
    {
        var max = Solve("maximize setpoint", ["temperature <= 27.5"], new DecisionVariable("setpoint", 15, 30));
        Assert.Equal(25.5, max.Best["setpoint"], 0.01);

        // A bowl centred at (20, 30) with the set-point bounded to [22, 30]: the optimum sits on the bound.
        var bowl = Solve("(setpoint - 20)^2 + (fan - 30)^2", [], new DecisionVariable("setpoint", 22, 30), new DecisionVariable("fan", 0, 100));
        Assert.True(bowl.Feasible);
        Assert.Equal(22, bowl.Best["setpoint"], 0.01);
        Assert.Equal(30, bowl.Best["fan"], 0.01);
        Assert.Equal(4, bowl.Objective, 0.01);
    }

    [Fact]
    public void No_feasible_point_is_reported_with_the_failing_constraint_and_by_how_much()
    {
        var result = Solve("minimize power", ["temperature <= 20", "setpoint >= 0"], new DecisionVariable("setpoint", 23, 30));

        Assert.False(result.Feasible);
        Assert.Equal(23, result.Best["setpoint"], 0.01);                       // the closest: as cold as allowed
        Assert.Equal(-5, result.Margins[0].Margin, 0.05);                      // settles at 25 °C, 5 K over
        Assert.True(result.Margins[1].Margin > 0);
        Assert.StartsWith("infeasible:", result.Message, StringComparison.Ordinal);
        Assert.Contains("temperature <= 20 fails by 5", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("setpoint >= 0 fails", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_never_violates_a_constraint_and_is_infeasible_exactly_when_no_point_is_feasible()
    {
        var random = new Random(3);
        for (var i = 0; i < 25; i++)
        {
            var limit = 23.5 + random.NextDouble() * 9;
            var lo = 15 + random.NextDouble() * 10;
            var hi = lo + random.NextDouble() * 8;
            var result = Solve("minimize power", [$"temperature <= {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}"], new DecisionVariable("setpoint", lo, hi));

            var coldest = Room(new Dictionary<string, double> { ["setpoint"] = lo }).Outputs["temperature"].Max();
            var case_ = $"limit {limit}, bounds [{lo}, {hi}]: {result.Message}";
            Assert.True(result.Feasible == coldest <= limit, case_);
            var s = result.Best["setpoint"];
            Assert.InRange(s, lo, hi);
            if (result.Feasible)
            {
                Assert.True(Room(result.Best).Outputs["temperature"].All(t => t <= limit), case_);
                Assert.Equal(Math.Min(hi, limit - 2), s, 0.02);
            }
        }
    }

    [Fact]
    public void Bad_problems_are_refused_with_what_is_wrong()
    {
        Assert.Contains("use <=, <, >= or >", Assert.Throws<OptimizationException>(() => OptimizationConstraint.Parse("temperature == 27", Known)).Message, StringComparison.Ordinal);
        Assert.Contains("expected one comparison", Assert.Throws<OptimizationException>(() => OptimizationConstraint.Parse("temperature", Known)).Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<OptimizationException>(() => OptimizationObjective.Parse("minimize pressure", Known)).Message;
        Assert.Contains("pressure", unknown, StringComparison.Ordinal);
        Assert.Contains("known: fan, power, setpoint, temperature", unknown, StringComparison.Ordinal);
        Assert.Contains("is not a range", Assert.Throws<OptimizationException>(() => Solve("minimize power", [], new DecisionVariable("setpoint", 30, 15))).Message, StringComparison.Ordinal);
    }

    private static readonly PointTable Table = new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(10),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points = [new PointConfig { Id = "t", Unit = "degC" }, new PointConfig { Id = "sp", Unit = "degC" }],
        },
    ]);

    [Fact]
    public void On_the_identified_dynamics_of_the_twin_the_optimiser_finds_the_plant_optimum()
    {
        var room = new AssetConfig
        {
            Id = "room",
            Type = "chiller",
            Properties = new Dictionary<string, string> { ["temperature"] = "plc1/t", ["setpoint"] = "plc1/sp" },
            Derived = [new DerivedConfig("power", "0.5 * (35 - setpoint)", "kW")],
            Dynamics = new DynamicsConfig(["setpoint"], ["temperature"], TimeSpan.FromSeconds(10)),
            Capacity = new CapacityConfig("power", 8),
        };
        var twin = new TwinEngine(Table, [room]);
        var random = new Random(11);
        double t = 24, s = 22;
        for (var k = 0; k < 1500; k++)
        {
            if (k % 40 == 0)
            {
                s = k >= 1400 ? 22 : 18 + random.NextDouble() * 10;      // excitation, then back at 22 °C
            }

            var batch = SampleBatch.Rent(0, T0.AddSeconds(10 * k), 2);
            batch.Add(new Sample(0, batch.CycleTime, t + (random.NextDouble() - 0.5) * 0.02, Quality.Good));
            batch.Add(new Sample(1, batch.CycleTime, s, Quality.Good));
            twin.Apply(batch);
            batch.Return();
            t += 0.05 * (s + 2 - t);
        }

        // Capacity: 8 kW of cooling power declared; 6.5 kW in use at 22 °C; "what if we lower the set-point by 5 K".
        twin.CollectDue(T0.AddHours(5), TimeSpan.Zero, []);
        var headroom = CapacityCheck.Check(twin, "room", null, TimeSpan.FromHours(1));
        Assert.Equal(1.5, headroom.Headroom, 6);
        Assert.Null(headroom.Fits);
        var published = twin.Snapshot(twin.Assets[0], T0.AddHours(5)).Capacity!;      // what the twin topic carries
        Assert.Equal(("power", 8.0, "kW"), (published.Property, published.Limit, published.Unit));
        Assert.Equal(1.5, published.Headroom, 6);
        var colder = CapacityCheck.Check(twin, "room", new Dictionary<string, string> { ["setpoint"] = "-5" }, TimeSpan.FromHours(1));
        Assert.Equal(9, colder.Peak!.Value, 6);                                 // 0.5 kW/K × (35 - 17)
        Assert.Equal(-1, colder.HeadroomAfter!.Value, 6);
        Assert.False(colder.Fits);
        Assert.True(CapacityCheck.Check(twin, "room", new Dictionary<string, string> { ["setpoint"] = "-2" }, TimeSpan.FromHours(1)).Fits);
        Assert.Contains("not an input", Assert.Throws<OptimizationException>(() => CapacityCheck.Check(twin, "room", new Dictionary<string, string> { ["power"] = "+1" }, TimeSpan.FromHours(1))).Message, StringComparison.Ordinal);

        var request = new OptimizeRequest(new Dictionary<string, (double, double)> { ["setpoint"] = (15, 30) }, "minimize power", ["temperature <= 27"], TimeSpan.FromHours(1));
        var result = AssetOptimizer.Solve(twin, "room", request);
        Assert.True(result.Feasible, result.Message);
        Assert.Equal(25, result.Best["setpoint"], 0.3);
        Assert.Equal(22, result.Current["setpoint"], 6);
        Assert.True(result.Objective < result.CurrentObjective);
        Assert.True(result.Trajectory.Outputs["temperature"].All(x => x <= 27));

        Assert.Contains("decision 'temperature' is not an input", Assert.Throws<OptimizationException>(() => AssetOptimizer.Solve(twin, "room", request with { Decision = new Dictionary<string, (double, double)> { ["temperature"] = (0, 1) } })).Message, StringComparison.Ordinal);
        Assert.Contains("unknown asset 'hall'", Assert.Throws<OptimizationException>(() => AssetOptimizer.Solve(twin, "hall", request)).Message, StringComparison.Ordinal);
    }
}
