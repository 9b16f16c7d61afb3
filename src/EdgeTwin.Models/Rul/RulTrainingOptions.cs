using EdgeTwin.Models.Trees;

namespace EdgeTwin.Models.Rul;

/// <summary>Settings of <see cref="RulTrainer"/>.</summary>
public sealed record RulTrainingOptions
{
    /// <summary>Piecewise-linear target cap: RUL labels above it are set to it.</summary>
    public double Cap { get; init; } = 125;

    /// <summary>Cycles of history per prediction.</summary>
    public int Window { get; init; } = 60;

    /// <summary>Window of the short mean (the current, de-noised level).</summary>
    public int ShortWindow { get; init; } = 5;

    /// <summary>A sensor with fewer distinct training values than this is dropped as constant (up to quantisation).</summary>
    public int MinDistinctValues { get; init; } = 20;

    /// <summary>Fraction of units held out to validate and fit the error model.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Random truncation points per validation unit (mimicking the official test trajectories).</summary>
    public int CutsPerUnit { get; init; } = 10;

    /// <summary>Shortest truncated history evaluated (the official FD001 test trajectories have at least 31 cycles).</summary>
    public int MinHistory { get; init; } = 31;

    /// <summary>Smallest true RUL of a validation point (FD001 test: 7).</summary>
    public int MinTrueRul { get; init; } = 7;

    /// <summary>Largest true RUL of a validation point (FD001 test: 145).</summary>
    public int MaxTrueRul { get; init; } = 145;

    /// <summary>Tree settings.</summary>
    public GradientBoostingOptions Boosting { get; init; } = new() { Trees = 200, LearningRate = 0.08, MaxDepth = 4 };

    /// <summary>Names of the value columns of the units, or null for C-MAPSS (3 settings, then the candidate sensors s1..s21).</summary>
    public IReadOnlyList<string>? ValueNames { get; init; }

    /// <summary>Feed the cycle count (the age) as an input. Right for C-MAPSS; wrong where the gateway cannot know the age.</summary>
    public bool UseCycle { get; init; } = true;

    /// <summary>Seed of the unit split and truncation points.</summary>
    public int Seed { get; init; } = 42;
}
