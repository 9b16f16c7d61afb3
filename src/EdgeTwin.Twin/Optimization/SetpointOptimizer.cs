using EdgeTwin.Twin.WhatIf;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EdgeTwin.Twin.Optimization;

/// <summary>The margin of one constraint over the horizon: its smallest slack and when.</summary>
/// <param name="Constraint">The constraint as written.</param>
/// <param name="Margin">Smallest slack over the horizon (negative: violated by that much).</param>
/// <param name="AtSeconds">When the smallest slack occurs (seconds from now).</param>
public sealed record ConstraintMargin(string Constraint, double Margin, double AtSeconds);

/// <summary>The answer to a set-point problem.</summary>
/// <param name="Feasible">True when a point satisfying every constraint over the whole horizon was found (and verified).</param>
/// <param name="Best">The best set-points (when infeasible: the point closest to feasible).</param>
/// <param name="Current">The current settings of the decision variables.</param>
/// <param name="Objective">Objective at <paramref name="Best"/> (average over the horizon).</param>
/// <param name="CurrentObjective">Objective with the current settings.</param>
/// <param name="Margins">Margin of each constraint at <paramref name="Best"/>.</param>
/// <param name="CurrentMargins">Margin of each constraint with the current settings.</param>
/// <param name="Trajectory">Predicted trajectories at <paramref name="Best"/>.</param>
/// <param name="Baseline">Predicted trajectories with the current settings.</param>
/// <param name="Evaluations">Simulations run.</param>
/// <param name="Message">One line: the change and saving, or why no point is feasible.</param>
public sealed record OptimizationResult(
    bool Feasible,
    IReadOnlyDictionary<string, double> Best,
    IReadOnlyDictionary<string, double> Current,
    double Objective,
    double CurrentObjective,
    IReadOnlyList<ConstraintMargin> Margins,
    IReadOnlyList<ConstraintMargin> CurrentMargins,
    WhatIfResult Trajectory,
    WhatIfResult Baseline,
    int Evaluations,
    string Message)
{
    /// <summary>Objective change against the current settings, relative (-0.12 = 12 % lower), or null when the current objective is 0.</summary>
    public double? RelativeChange => Math.Abs(CurrentObjective) > 1e-12 ? (Objective - CurrentObjective) / Math.Abs(CurrentObjective) : null;
}

/// <summary>
/// Finds set-points that minimise an objective over the predicted trajectory while keeping every constraint at every
/// step of the horizon: Nelder–Mead (MathNet.Numerics) on an unbounded transform of the bounded decisions
/// (d = min + (max - min)(sin x + 1)/2), constraints as an exact penalty on the worst violation, from several starts
/// (the current settings, the middle of the box and its corners or random points); then a bisection towards the
/// penalised optimum from the best feasible point found, since constrained optima usually sit on a constraint. Only
/// points that were simulated and met every constraint can be answered as feasible; the answer is simulated once
/// more to verify it. It never writes anything: it only proposes.
/// </summary>
public sealed class SetpointOptimizer
{
    /// <summary>Most simulations per problem by default.</summary>
    public const int DefaultMaxEvaluations = 4000;

    private readonly OptimizationProblem _problem;
    private readonly Func<IReadOnlyDictionary<string, double>, WhatIfResult> _simulate;
    private readonly int _maxEvaluations;
    private int _evaluations;
    private (double[] D, double J)? _bestFeasible;
    private (double[] D, double V, double J)? _leastViolation;

    /// <summary>Creates the optimiser of <paramref name="problem"/> whose candidates <paramref name="simulate"/> predicts (absolute input values).</summary>
    public SetpointOptimizer(OptimizationProblem problem, Func<IReadOnlyDictionary<string, double>, WhatIfResult> simulate, int maxEvaluations = DefaultMaxEvaluations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvaluations, 50);
        _maxEvaluations = maxEvaluations;
        problem.Validate();
        _problem = problem;
        _simulate = simulate;
    }

    /// <summary>Solves from <paramref name="current"/> (the current value of each decision variable).</summary>
    /// <exception cref="OptimizationException">A formula reads something the trajectory does not have.</exception>
    public OptimizationResult Solve(IReadOnlyDictionary<string, double> current)
    {
        var n = _problem.Decisions.Count;
        var now = _problem.Decisions.Select(d => current.TryGetValue(d.Property, out var v) ? v : (d.Min + d.Max) / 2).ToArray();
        var baseline = _simulate(Named(now));
        var (currentObjective, currentMargins) = Evaluate(baseline);
        var scale = Math.Max(1, Math.Abs(currentObjective));

        // Exact penalty on the worst violation, weighted so that any violation costs more than the objective can gain.
        var rho = 1e3 * scale / Math.Max(1e-9, ConstraintScale(currentMargins));
        var starts = new List<double[]> { Clamp(now), _problem.Decisions.Select(d => (d.Min + d.Max) / 2).ToArray() };
        var random = new Random(17);
        for (var s = 0; s < Math.Min(6, 2 * n); s++)
        {
            starts.Add(_problem.Decisions.Select((d, i) => n <= 2 && s < (1 << n) ? ((s >> i) & 1) == 0 ? d.Min + 0.1 * (d.Max - d.Min) : d.Max - 0.1 * (d.Max - d.Min) : d.Min + random.NextDouble() * (d.Max - d.Min)).ToArray());
        }

        double Penalised(double[] d)
        {
            var (j, v) = Score(d);
            return (_problem.Objective.Maximize ? -j : j) + rho * v;
        }

        double[]? bestPenalised = null;
        var bestValue = double.PositiveInfinity;
        for (var si = 0; si < starts.Count; si++)
        {
            var start = starts[si];
            if (_evaluations >= _maxEvaluations)
            {
                break;
            }

            var x0 = Vector<double>.Build.DenseOfArray(start.Select((d, i) => ToX(i, d)).ToArray());
            var objective = ObjectiveFunction.Value(x => Penalised(FromX(x)));
            var solver = new NelderMeadSimplex(1e-10, Math.Max(25, (_maxEvaluations - _evaluations) / (2 * (starts.Count - si))));
            try
            {
                var found = solver.FindMinimum(objective, x0, Vector<double>.Build.Dense(n, 0.4));
                var d = FromX(found.MinimizingPoint);
                if (found.FunctionInfoAtMinimum.Value < bestValue)
                {
                    bestValue = found.FunctionInfoAtMinimum.Value;
                    bestPenalised = d;
                }
            }
            catch (MaximumIterationsException)
            {
                // The best points seen are kept by Score either way.
            }
        }

        if (_bestFeasible is { } feasible && bestPenalised is not null && Score(bestPenalised).V > 0)
        {
            Polish(feasible.D, bestPenalised);
        }

        if (_bestFeasible is { } answer)
        {
            var trajectory = _simulate(Named(answer.D));
            var (j, margins) = Evaluate(trajectory);
            _evaluations++;
            if (margins.All(m => m.Margin >= 0))
            {
                var result = Named(answer.D);
                return new OptimizationResult(true, result, Named(now), j, currentObjective, margins, currentMargins, trajectory, baseline, _evaluations, Describe(result, now, j, currentObjective));
            }
        }

        // No point met every constraint: answer the least-violating one and say by how much each constraint fails.
        var closest = _leastViolation?.D ?? Clamp(now);
        var closestTrajectory = _simulate(Named(closest));
        var (cj, closestMargins) = Evaluate(closestTrajectory);
        var failing = closestMargins.Where(m => m.Margin < 0).Select(m =>
            $"{m.Constraint} fails by {Format(-m.Margin)} at best (after {Format(m.AtSeconds)} s)");
        return new OptimizationResult(false, Named(closest), Named(now), cj, currentObjective, closestMargins, currentMargins, closestTrajectory, baseline, _evaluations,
            "infeasible: no set-points within the bounds keep every constraint over the horizon; " + string.Join("; ", failing));
    }

    private double ConstraintScale(IReadOnlyList<ConstraintMargin> margins) =>
        margins.Where(m => double.IsFinite(m.Margin)).Select(m => Math.Abs(m.Margin)).DefaultIfEmpty(1).Max() is var s && s > 1 ? s : 1;

    /// <summary>Bisects from a feasible point towards a better infeasible one: the last feasible point found on the way.</summary>
    private void Polish(double[] feasible, double[] target)
    {
        double lo = 0, hi = 1;
        for (var i = 0; i < 30 && _evaluations < _maxEvaluations + 40; i++)
        {
            var mid = (lo + hi) / 2;
            var d = feasible.Select((f, k) => f + mid * (target[k] - f)).ToArray();
            var (_, v) = Score(d);
            if (v <= 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
    }

    /// <summary>Simulates <paramref name="d"/>; returns the objective and the worst violation (0 when feasible), and keeps the best points.</summary>
    private (double J, double V) Score(double[] d)
    {
        _evaluations++;
        var (j, margins) = Evaluate(_simulate(Named(d)));
        var v = margins.Count == 0 ? 0 : Math.Max(0, -margins.Min(m => m.Margin));
        if (!double.IsFinite(j))
        {
            return (double.MaxValue / 4, v);
        }

        var better = _problem.Objective.Maximize ? j > (_bestFeasible?.J ?? double.NegativeInfinity) : j < (_bestFeasible?.J ?? double.PositiveInfinity);
        if (v <= 0 && better)
        {
            _bestFeasible = ((double[])d.Clone(), j);
        }

        if (_leastViolation is not { } least || v < least.V)
        {
            _leastViolation = ((double[])d.Clone(), v, j);
        }

        return (j, v);
    }

    /// <summary>The objective (average over the steps) and each constraint's margin on <paramref name="trajectory"/>.</summary>
    private (double Objective, IReadOnlyList<ConstraintMargin> Margins) Evaluate(WhatIfResult trajectory)
    {
        var steps = trajectory.Times.Length;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        double sum = 0;
        var margins = _problem.Constraints.Select(c => (c.Text, Min: double.PositiveInfinity, At: 0.0)).ToArray();
        double Lookup(string name) => values.TryGetValue(name, out var v) ? v
            : throw new OptimizationException($"'{name}' is neither predicted nor an input of the asset's dynamics (nor derived from them)");
        for (var k = 0; k < steps; k++)
        {
            values.Clear();
            foreach (var (name, series) in trajectory.Outputs)
            {
                values[name] = series[k];
            }

            foreach (var (name, series) in trajectory.Inputs)
            {
                values[name] = series[k];
            }

            foreach (var (name, formula) in _problem.Derived)
            {
                if (formula.Variables.All(values.ContainsKey))
                {
                    values[name] = formula.Evaluate(Lookup);
                }
            }

            sum += _problem.Objective.Formula.Evaluate(Lookup);
            for (var c = 0; c < margins.Length; c++)
            {
                var slack = _problem.Constraints[c].Slack(Lookup);
                if (double.IsNaN(slack))
                {
                    slack = double.NegativeInfinity;
                }

                if (slack < margins[c].Min)
                {
                    margins[c] = (margins[c].Text, slack, trajectory.Times[k]);
                }
            }
        }

        var objective = steps == 0 ? double.NaN : sum / steps;
        return (objective, margins.Select(m => new ConstraintMargin(m.Text, m.Min, m.At)).ToList());
    }

    private string Describe(IReadOnlyDictionary<string, double> best, double[] now, double j, double current)
    {
        var moves = _problem.Decisions.Select((d, i) => $"{d.Property} {Format(now[i])} -> {Format(best[d.Property])}");
        var change = Math.Abs(current) > 1e-12 ? $" ({((j - current) / Math.Abs(current) * 100).ToString("+0.#;-0.#;0", System.Globalization.CultureInfo.InvariantCulture)} %)" : string.Empty;
        return $"{string.Join(", ", moves)}: {_problem.Objective.Text} {Format(current)} -> {Format(j)}{change}, every constraint kept over the horizon";
    }

    private static string Format(double v) => Math.Round(v, 4).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Dictionary<string, double> Named(double[] d)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < d.Length; i++)
        {
            result[_problem.Decisions[i].Property] = d[i];
        }

        return result;
    }

    private double[] Clamp(double[] d) => d.Select((v, i) => Math.Clamp(v, _problem.Decisions[i].Min, _problem.Decisions[i].Max)).ToArray();

    private double ToX(int i, double d)
    {
        var (lo, hi) = (_problem.Decisions[i].Min, _problem.Decisions[i].Max);
        return hi - lo < 1e-15 ? 0 : Math.Asin(Math.Clamp(2 * (d - lo) / (hi - lo) - 1, -1, 1));
    }

    private double[] FromX(Vector<double> x)
    {
        var d = new double[x.Count];
        for (var i = 0; i < d.Length; i++)
        {
            var (lo, hi) = (_problem.Decisions[i].Min, _problem.Decisions[i].Max);
            d[i] = Math.Clamp(lo + (hi - lo) * (Math.Sin(x[i]) + 1) / 2, lo, hi);
        }

        return d;
    }
}
