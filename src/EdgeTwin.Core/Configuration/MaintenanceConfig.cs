namespace EdgeTwin.Core.Configuration;

/// <summary>
/// When the twin recommends maintenance and what it costs: the levels on failure probability and remaining useful
/// life, the hysteresis and minimum dwell that keep a recommendation from flapping, the site constraint for
/// coordinated plans, and downtime and cost per asset type.
/// </summary>
public sealed record MaintenanceConfig
{
    /// <summary>Recommend when the failure probability within the model's horizon is above this.</summary>
    public double Probability { get; init; } = 0.7;

    /// <summary>Recommend when the remaining useful life is below this.</summary>
    public TimeSpan Rul { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Critical priority when the remaining useful life is below this.</summary>
    public TimeSpan Critical { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Recommended window for medium and high priority ("schedule within"); default the <see cref="Rul"/> level.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>A level is left only this far back: probability this much lower, RUL this fraction higher.</summary>
    public double Hysteresis { get; init; } = 0.1;

    /// <summary>A priority is held at least this long before it is lowered or cleared (raising is immediate).</summary>
    public TimeSpan MinDwell { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Most assets down for maintenance at once (the site/line constraint of coordinated plans).</summary>
    public int MaxDown { get; init; } = 1;

    /// <summary>Downtime and cost of one maintenance job per asset type.</summary>
    public IReadOnlyDictionary<string, MaintenanceCost> Types { get; init; } = new Dictionary<string, MaintenanceCost>();

    /// <summary>The recommended window for medium and high priority.</summary>
    public TimeSpan EffectiveWindow => Window ?? Rul;
}

/// <summary>What one maintenance job on an asset of a type takes.</summary>
/// <param name="Downtime">Expected downtime of the asset.</param>
/// <param name="Cost">Expected cost (parts and labour), in <paramref name="Currency"/>.</param>
/// <param name="Currency">Currency of <paramref name="Cost"/>.</param>
public sealed record MaintenanceCost(TimeSpan Downtime, double? Cost = null, string? Currency = null);
