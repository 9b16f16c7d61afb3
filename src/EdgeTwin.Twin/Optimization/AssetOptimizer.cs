using System.Globalization;
using EdgeTwin.Twin.Expressions;
using EdgeTwin.Twin.State;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Optimization;

/// <summary>An <c>optimize</c> request for one asset or a group of assets.</summary>
/// <param name="Decision">Input property to its allowed [min, max]; in a group, <c>asset.property</c> for one asset or a plain property for every asset that has it as an input.</param>
/// <param name="Objective">"minimize power", "maximize flow" or a formula to minimise; in a group a plain name is the sum over its assets.</param>
/// <param name="Constraints">"temperature &lt;= 27", ... kept at every step of the horizon; in a group a plain name makes one constraint per asset.</param>
/// <param name="Horizon">How far ahead.</param>
public sealed record OptimizeRequest(IReadOnlyDictionary<string, (double Min, double Max)> Decision, string Objective, IReadOnlyList<string> Constraints, TimeSpan Horizon);

/// <summary>One decision variable of a group problem: which input of which asset, and its name in the problem.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Property">Input property of the asset's dynamics.</param>
/// <param name="Name">Name of the variable in the problem and its answer (<c>asset.property</c>).</param>
public sealed record GroupDecision(string Asset, string Property, string Name);

/// <summary>The answer for a group of assets.</summary>
/// <param name="Group">Group name, or null for an inline list of assets.</param>
/// <param name="Assets">The group's assets.</param>
/// <param name="Decisions">Decision variables, per asset.</param>
/// <param name="Combined">The answer on the combined trajectory (variables named <c>asset.property</c>; constraint margins named "asset: constraint").</param>
/// <param name="Trajectories">Each asset's predicted trajectory at the answered set-points.</param>
/// <param name="Baselines">Each asset's predicted trajectory with the current settings.</param>
public sealed record GroupOptimizationResult(
    string? Group,
    IReadOnlyList<string> Assets,
    IReadOnlyList<GroupDecision> Decisions,
    OptimizationResult Combined,
    IReadOnlyDictionary<string, WhatIfResult> Trajectories,
    IReadOnlyDictionary<string, WhatIfResult> Baselines);

/// <summary>
/// Poses an <see cref="OptimizeRequest"/> on the identified dynamics of one asset or a group of assets (each pinned at
/// the moment of the request, so that every candidate is judged by the same models) and solves it with
/// <see cref="SetpointOptimizer"/>. Formulas may read the models' outputs and inputs and the assets' derived
/// properties computed from them. In a group, <c>asset.property</c> names one asset's property; a plain name in the
/// objective is the sum over the assets that have it ("minimize power" is the total power), and a plain name in a
/// constraint makes one constraint per asset that has it ("chiller1: temperature &lt;= 27"). The assets' trajectories
/// are combined on the union of their time points (each asset's values held between its own points), so every step
/// of every asset is checked. One asset and a group take the same path. Thread-safe; never writes to the plant.
/// </summary>
public static class AssetOptimizer
{
    /// <summary>Model steps simulated per request at most (candidates × steps), which bounds the time an answer takes.</summary>
    public const long StepBudget = 4_000_000;

    /// <summary>Solves <paramref name="request"/> for <paramref name="asset"/> (variables named by their plain property names).</summary>
    /// <exception cref="OptimizationException">Unknown asset, no dynamics, a decision that is not an input, a bad formula or range.</exception>
    /// <exception cref="WhatIfException">The dynamics are not identified yet.</exception>
    public static OptimizationResult Solve(TwinEngine twin, string asset, OptimizeRequest request)
    {
        var state = twin.Find(asset) ?? throw new OptimizationException($"unknown asset '{asset}'");
        var runner = twin.DynamicsOf(asset) ?? throw new OptimizationException($"asset '{asset}' has no dynamics configured (assets[].dynamics: inputs, outputs, step): the optimiser evaluates candidates on them");
        return new Posed(new Scope(null, [new Member(asset, state, runner.Pin())], Qualified: false), request).Solve();
    }

    /// <summary>Solves <paramref name="request"/> for the assets of a group together (variables named <c>asset.property</c>).</summary>
    /// <param name="twin">The twin.</param>
    /// <param name="group">Group name for messages, or null for an inline list.</param>
    /// <param name="assets">The group's assets.</param>
    /// <param name="request">The problem.</param>
    /// <exception cref="OptimizationException">An empty group, an unknown or repeated asset, one without dynamics, a decision that is no asset's input, a bad formula or range.</exception>
    /// <exception cref="WhatIfException">An asset's dynamics are not identified yet.</exception>
    public static GroupOptimizationResult SolveGroup(TwinEngine twin, string? group, IReadOnlyList<string> assets, OptimizeRequest request)
    {
        var scope = group is null ? $"the group [{string.Join(", ", assets)}]" : $"group '{group}'";
        if (assets.Count == 0)
        {
            throw new OptimizationException($"{scope} has no assets");
        }

        var members = new List<Member>();
        foreach (var asset in assets)
        {
            if (members.Any(m => m.Asset == asset))
            {
                throw new OptimizationException($"asset '{asset}' is listed twice in {scope}");
            }

            var state = twin.Find(asset) ?? throw new OptimizationException($"unknown asset '{asset}' in {scope}");
            var runner = twin.DynamicsOf(asset) ?? throw new OptimizationException($"asset '{asset}' of {scope} has no dynamics configured (assets[].dynamics: inputs, outputs, step): the optimiser evaluates candidates on them");
            members.Add(new Member(asset, state, runner.Pin()));
        }

        var posed = new Posed(new Scope(scope, members, Qualified: true), request);
        var result = posed.Solve();
        var trajectories = new Dictionary<string, WhatIfResult>(StringComparer.Ordinal);
        var baselines = new Dictionary<string, WhatIfResult>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            trajectories[m.Asset] = posed.SimulateOne(m, result.Best);
            baselines[m.Asset] = posed.SimulateOne(m, result.Current);
        }

        return new GroupOptimizationResult(group, assets, posed.Decisions, result, trajectories, baselines);
    }

    /// <summary>An asset taking part, with its dynamics pinned for the whole request.</summary>
    private sealed record Member(string Asset, AssetState State, PinnedDynamics Pinned)
    {
        /// <summary>Names formulas of this asset may read: the model's inputs and outputs and the derived properties computed from them.</summary>
        public HashSet<string> Known { get; } = new(Pinned.Inputs.Concat(Pinned.Outputs), StringComparer.Ordinal);
    }

    /// <summary>One asset (plain names) or a group (names <c>asset.property</c>); <paramref name="Name"/> null for one asset.</summary>
    private sealed record Scope(string? Name, IReadOnlyList<Member> Members, bool Qualified)
    {
        public string VariableOf(Member m, string property) => Qualified ? m.Asset + "." + property : property;
    }

    /// <summary>A request posed on a scope: the problem, the decision variables and the combined simulation.</summary>
    private sealed class Posed
    {
        private readonly Scope _scope;
        private readonly OptimizeRequest _request;
        private readonly OptimizationProblem _problem;

        public Posed(Scope scope, OptimizeRequest request)
        {
            if (request.Horizon <= TimeSpan.Zero || request.Horizon > TimeSpan.FromDays(7))
            {
                throw new OptimizationException("horizon must be between 1 step and 7 days");
            }

            _scope = scope;
            _request = request;
            var decided = DecisionsOf(scope, request);
            Decisions = decided.Select(d => d.Decision).ToList();
            var derived = new List<(string, Formula)>();
            foreach (var m in scope.Members)
            {
                foreach (var property in m.State.Properties.Where(p => p.IsDerived))
                {
                    if (property.Formula!.Variables.All(m.Known.Contains))
                    {
                        derived.Add((scope.VariableOf(m, property.Name), property.Formula.Renamed(v => scope.VariableOf(m, v))));
                        m.Known.Add(property.Name);
                    }
                }
            }

            var known = new HashSet<string>(scope.Members.SelectMany(m => m.Known.Select(p => scope.VariableOf(m, p))), StringComparer.Ordinal);
            if (scope.Qualified)
            {
                known.UnionWith(scope.Members.SelectMany(m => m.Known));
            }

            var objective = OptimizationObjective.Parse(request.Objective, known);
            if (scope.Qualified)
            {
                // A plain name in the objective is the sum over the assets that have it.
                foreach (var plain in objective.Formula.Variables.Where(v => !v.Contains('.', StringComparison.Ordinal)))
                {
                    derived.Add((plain, Formula.Compile(string.Join(" + ", scope.Members.Where(m => m.Known.Contains(plain)).Select(m => scope.VariableOf(m, plain))))));
                }
            }

            var constraints = request.Constraints.SelectMany(c => ConstraintsOf(scope, OptimizationConstraint.Parse(c, known))).ToList();
            _problem = new OptimizationProblem(decided.Select(d => new DecisionVariable(d.Decision.Name, d.Min, d.Max)).ToList(), objective, constraints, request.Horizon, derived);
        }

        /// <summary>The decision variables, per asset.</summary>
        public IReadOnlyList<GroupDecision> Decisions { get; }

        public OptimizationResult Solve()
        {
            var steps = _scope.Members.Sum(m => (long)Math.Ceiling(_request.Horizon / m.Pinned.Step));
            var budget = (int)Math.Clamp(StepBudget / Math.Max(1, steps), 60, SetpointOptimizer.DefaultMaxEvaluations);
            var current = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var d in Decisions)
            {
                current[d.Name] = _scope.Members.First(m => m.Asset == d.Asset).Pinned.Current[d.Property];
            }

            return new SetpointOptimizer(_problem, Simulate, budget).Solve(current);
        }

        /// <summary>The trajectory of one asset with the decisions of <paramref name="decision"/> that are its own.</summary>
        public WhatIfResult SimulateOne(Member m, IReadOnlyDictionary<string, double> decision)
        {
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var d in Decisions.Where(d => d.Asset == m.Asset))
            {
                if (decision.TryGetValue(d.Name, out var value))
                {
                    overrides[d.Property] = "=" + value.ToString("R", CultureInfo.InvariantCulture);
                }
            }

            return m.Pinned.Simulate(new WhatIfRequest(overrides, _request.Horizon));
        }

        /// <summary>Every asset's trajectory with its decisions, combined on the union of their time points (names per <see cref="Scope.VariableOf"/>).</summary>
        private WhatIfResult Simulate(IReadOnlyDictionary<string, double> decision)
        {
            var results = _scope.Members.Select(m => SimulateOne(m, decision)).ToList();
            if (!_scope.Qualified)
            {
                return results[0];
            }

            var times = results.SelectMany(r => r.Times).Distinct().Order().ToArray();
            var outputs = new Dictionary<string, double[]>(StringComparer.Ordinal);
            var inputs = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (var i = 0; i < results.Count; i++)
            {
                var (m, r) = (_scope.Members[i], results[i]);
                var held = Held(r.Times, times);
                foreach (var (name, series) in r.Outputs)
                {
                    outputs[_scope.VariableOf(m, name)] = held.Select(k => series[k]).ToArray();
                }

                foreach (var (name, series) in r.Inputs)
                {
                    inputs[_scope.VariableOf(m, name)] = held.Select(k => series[k]).ToArray();
                }
            }

            var step = results.Min(r => r.Step);
            return new WhatIfResult(_scope.Name!, results[0].Start, step, times, outputs, inputs, [], new Dictionary<string, double>(), results.SelectMany((r, i) => r.Notes.Select(n => _scope.Members[i].Asset + ": " + n)).ToList());
        }

        /// <summary>For each of <paramref name="grid"/>, the index of the last of <paramref name="own"/> at or before it (the first before any).</summary>
        private static int[] Held(double[] own, double[] grid)
        {
            var index = new int[grid.Length];
            var j = 0;
            for (var k = 0; k < grid.Length; k++)
            {
                while (j + 1 < own.Length && own[j + 1] <= grid[k])
                {
                    j++;
                }

                index[k] = j;
            }

            return index;
        }

        private static List<(GroupDecision Decision, double Min, double Max)> DecisionsOf(Scope scope, OptimizeRequest request)
        {
            var decisions = new List<(GroupDecision Decision, double Min, double Max)>();
            foreach (var (key, (min, max)) in request.Decision)
            {
                var dot = scope.Qualified ? key.IndexOf('.', StringComparison.Ordinal) : -1;
                var targets = dot < 0 ? scope.Members : scope.Members.Where(m => m.Asset == key[..dot]).ToList();
                var property = dot < 0 ? key : key[(dot + 1)..];
                if (targets.Count == 0)
                {
                    throw new OptimizationException($"decision '{key}': '{key[..dot]}' is not an asset of {scope.Name} (assets: {string.Join(", ", scope.Members.Select(m => m.Asset))})");
                }

                var having = targets.Where(m => m.Pinned.Inputs.Contains(property)).ToList();
                if (having.Count == 0)
                {
                    var inputs = string.Join("; ", targets.Select(m => (scope.Qualified ? m.Asset + ": " : string.Empty) + string.Join(", ", m.Pinned.Inputs)));
                    var whose = targets.Count == 1 ? $"'{targets[0].Asset}'" : $"any asset of {scope.Name}";
                    throw new OptimizationException($"decision '{key}' is not an input of the dynamics model of {whose} (inputs: {inputs})");
                }

                foreach (var m in having)
                {
                    var name = scope.VariableOf(m, property);
                    if (decisions.Any(d => d.Decision.Name == name))
                    {
                        throw new OptimizationException($"decision '{key}': '{name}' is already decided by another entry");
                    }

                    decisions.Add((new GroupDecision(m.Asset, property, name), min, max));
                }
            }

            return decisions;
        }

        /// <summary>A constraint as it applies: as written when it names no plain property of a group, else one per asset that has them.</summary>
        private static IEnumerable<OptimizationConstraint> ConstraintsOf(Scope scope, OptimizationConstraint constraint)
        {
            var plain = constraint.Variables.Where(v => !v.Contains('.', StringComparison.Ordinal)).ToList();
            if (!scope.Qualified || plain.Count == 0)
            {
                return [constraint];
            }

            var per = scope.Members.Where(m => plain.All(m.Known.Contains))
                .Select(m => constraint.Renamed(m.Asset + ": " + constraint.Text, v => v.Contains('.', StringComparison.Ordinal) ? v : scope.VariableOf(m, v)))
                .ToList();
            return per.Count > 0 ? per
                : throw new OptimizationException($"constraint '{constraint.Text}': no asset of {scope.Name} has all of {string.Join(", ", plain)}");
        }
    }
}
