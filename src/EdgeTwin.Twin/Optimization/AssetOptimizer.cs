using System.Globalization;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Optimization;

/// <summary>An <c>optimize</c> request for one asset.</summary>
/// <param name="Decision">Input property to its allowed [min, max].</param>
/// <param name="Objective">"minimize power", "maximize flow" or a formula to minimise.</param>
/// <param name="Constraints">"temperature &lt;= 27", ... kept at every step of the horizon.</param>
/// <param name="Horizon">How far ahead.</param>
public sealed record OptimizeRequest(IReadOnlyDictionary<string, (double Min, double Max)> Decision, string Objective, IReadOnlyList<string> Constraints, TimeSpan Horizon);

/// <summary>
/// Poses an <see cref="OptimizeRequest"/> on an asset's identified dynamics (pinned at the moment of the request, so
/// that every candidate is judged by the same model) and solves it with <see cref="SetpointOptimizer"/>. Formulas may
/// read the model's outputs and inputs and the asset's derived properties computed from them. Thread-safe; never
/// writes to the plant.
/// </summary>
public static class AssetOptimizer
{
    /// <summary>Model steps simulated per request at most (candidates × steps), which bounds the time an answer takes.</summary>
    public const long StepBudget = 4_000_000;

    /// <summary>Solves <paramref name="request"/> for <paramref name="asset"/>.</summary>
    /// <exception cref="OptimizationException">Unknown asset, no dynamics, a decision that is not an input, a bad formula or range.</exception>
    /// <exception cref="WhatIfException">The dynamics are not identified yet.</exception>
    public static OptimizationResult Solve(TwinEngine twin, string asset, OptimizeRequest request)
    {
        var state = twin.Find(asset) ?? throw new OptimizationException($"unknown asset '{asset}'");
        var runner = twin.DynamicsOf(asset) ?? throw new OptimizationException($"asset '{asset}' has no dynamics configured (assets[].dynamics: inputs, outputs, step): the optimiser evaluates candidates on them");
        if (request.Horizon <= TimeSpan.Zero || request.Horizon > TimeSpan.FromDays(7))
        {
            throw new OptimizationException("horizon must be between 1 step and 7 days");
        }

        var pinned = runner.Pin();
        var decisions = new List<DecisionVariable>();
        foreach (var (property, (min, max)) in request.Decision)
        {
            if (!pinned.Inputs.Contains(property))
            {
                throw new OptimizationException($"decision '{property}' is not an input of the dynamics model of '{asset}' (inputs: {string.Join(", ", pinned.Inputs)})");
            }

            decisions.Add(new DecisionVariable(property, min, max));
        }

        var known = new HashSet<string>(pinned.Inputs.Concat(pinned.Outputs), StringComparer.Ordinal);
        var derived = new List<(string, Expressions.Formula)>();
        foreach (var property in state.Properties.Where(p => p.IsDerived))
        {
            if (property.Formula!.Variables.All(known.Contains))
            {
                derived.Add((property.Name, property.Formula));
                known.Add(property.Name);
            }
        }

        var objective = OptimizationObjective.Parse(request.Objective, known);
        var constraints = request.Constraints.Select(c => OptimizationConstraint.Parse(c, known)).ToList();
        var problem = new OptimizationProblem(decisions, objective, constraints, request.Horizon, derived);
        var steps = (long)Math.Ceiling(request.Horizon / pinned.Step);
        var budget = (int)Math.Clamp(StepBudget / Math.Max(1, steps), 60, SetpointOptimizer.DefaultMaxEvaluations);
        var optimizer = new SetpointOptimizer(problem, d => pinned.Simulate(new WhatIfRequest(Overrides(d), request.Horizon)), budget);
        return optimizer.Solve(pinned.Current);
    }

    private static Dictionary<string, string> Overrides(IReadOnlyDictionary<string, double> decision) =>
        decision.ToDictionary(p => p.Key, p => "=" + p.Value.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
