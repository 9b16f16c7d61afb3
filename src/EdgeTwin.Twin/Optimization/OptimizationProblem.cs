using System.Globalization;
using EdgeTwin.Twin.Expressions;

namespace EdgeTwin.Twin.Optimization;

/// <summary>A set-point problem that cannot be posed or answered (bad bounds, formula or constraint, no model).</summary>
public sealed class OptimizationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OptimizationException(string message)
        : base(message)
    {
    }
}

/// <summary>A decision variable: an input of the asset's dynamics and the range it may be set within.</summary>
/// <param name="Property">The input property.</param>
/// <param name="Min">Lowest value allowed.</param>
/// <param name="Max">Highest value allowed.</param>
public sealed record DecisionVariable(string Property, double Min, double Max);

/// <summary>A constraint <c>left op right</c> (op one of &lt;= &lt; &gt;= &gt;) that must hold at every step of the horizon.</summary>
public sealed record OptimizationConstraint
{
    private OptimizationConstraint(string text, Formula left, Formula right, bool upper)
    {
        Text = text;
        Left = left;
        Right = right;
        Upper = upper;
    }

    /// <summary>The constraint as written.</summary>
    public string Text { get; }

    /// <summary>Left side.</summary>
    public Formula Left { get; }

    /// <summary>Right side.</summary>
    public Formula Right { get; }

    /// <summary>True for &lt;= and &lt; (left at most right), false for &gt;= and &gt;.</summary>
    public bool Upper { get; }

    /// <summary>Variables the two sides read.</summary>
    public IEnumerable<string> Variables => Left.Variables.Concat(Right.Variables).Distinct(StringComparer.Ordinal);

    /// <summary>Parses "temperature &lt;= 27" (any formula on either side; == and != are not constraints an optimiser can keep).</summary>
    /// <exception cref="OptimizationException">No single comparison, or a side is not a formula.</exception>
    public static OptimizationConstraint Parse(string text, IReadOnlySet<string> known)
    {
        var found = new List<(int At, string Op)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '<' or '>')
            {
                var op = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : text.Substring(i, 1);
                found.Add((i, op));
                i += op.Length - 1;
            }
            else if (text[i] is '=' or '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                throw new OptimizationException($"constraint '{text}': use <=, <, >= or > (an equality cannot be kept over a horizon)");
            }
        }

        if (found.Count != 1)
        {
            throw new OptimizationException($"constraint '{text}': expected one comparison (<=, <, >= or >) between two formulas, e.g. \"temperature <= 27\"");
        }

        var (at, symbol) = found[0];
        try
        {
            var left = Formula.Compile(text[..at], known);
            var right = Formula.Compile(text[(at + symbol.Length)..], known);
            return new OptimizationConstraint(text.Trim(), left, right, symbol[0] == '<');
        }
        catch (FormulaException ex)
        {
            throw new OptimizationException($"constraint '{text}': {ex.Message} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }
    }

    /// <summary>The same constraint as <paramref name="text"/>, reading each variable as <paramref name="rename"/> of it (one asset's copy of a group constraint).</summary>
    public OptimizationConstraint Renamed(string text, Func<string, string> rename) => new(text, Left.Renamed(rename), Right.Renamed(rename), Upper);

    /// <summary>How far inside the constraint a step is (negative: violated by that much).</summary>
    public double Slack(Func<string, double> value)
    {
        var l = Left.Evaluate(value);
        var r = Right.Evaluate(value);
        return Upper ? r - l : l - r;
    }
}

/// <summary>What to minimise: "minimize power", "maximize flow" or a formula (minimised), averaged over the horizon.</summary>
public sealed record OptimizationObjective(string Text, Formula Formula, bool Maximize)
{
    /// <summary>Parses the objective text.</summary>
    /// <exception cref="OptimizationException">Not a formula over known variables.</exception>
    public static OptimizationObjective Parse(string text, IReadOnlySet<string> known)
    {
        var trimmed = text.Trim();
        var maximize = false;
        foreach (var (word, max) in new[] { ("minimize ", false), ("minimise ", false), ("maximize ", true), ("maximise ", true) })
        {
            if (trimmed.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[word.Length..];
                maximize = max;
                break;
            }
        }

        try
        {
            return new OptimizationObjective(text.Trim(), Formula.Compile(trimmed, known), maximize);
        }
        catch (FormulaException ex)
        {
            throw new OptimizationException($"objective '{text}': {ex.Message} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }
    }
}

/// <summary>
/// A set-point problem: decision variables with bounds, an objective averaged over the predicted trajectory, and
/// constraints that must hold at every step of it. Variables of formulas are the trajectory's outputs and inputs and
/// <paramref name="Derived"/> properties computed from them (in order).
/// </summary>
/// <param name="Decisions">Decision variables.</param>
/// <param name="Objective">What to minimise or maximise.</param>
/// <param name="Constraints">Constraints over the whole horizon.</param>
/// <param name="Horizon">How far ahead.</param>
/// <param name="Derived">Derived properties of the asset available to formulas (name, formula), in definition order.</param>
public sealed record OptimizationProblem(
    IReadOnlyList<DecisionVariable> Decisions,
    OptimizationObjective Objective,
    IReadOnlyList<OptimizationConstraint> Constraints,
    TimeSpan Horizon,
    IReadOnlyList<(string Name, Formula Formula)> Derived)
{
    /// <summary>Checks the bounds; throws with what is wrong.</summary>
    public void Validate()
    {
        if (Decisions.Count == 0)
        {
            throw new OptimizationException("'decision' needs at least one property with [min, max]");
        }

        foreach (var d in Decisions)
        {
            if (!double.IsFinite(d.Min) || !double.IsFinite(d.Max) || d.Min > d.Max)
            {
                throw new OptimizationException($"decision '{d.Property}': [{d.Min.ToString(CultureInfo.InvariantCulture)}, {d.Max.ToString(CultureInfo.InvariantCulture)}] is not a range (min <= max, finite)");
            }
        }
    }
}
