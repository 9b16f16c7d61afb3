namespace EdgeTwin.Twin.Maintenance;

/// <summary>How urgent a maintenance recommendation is; the order is the urgency.</summary>
public enum MaintenancePriority
{
    /// <summary>Nothing to do.</summary>
    None = 0,

    /// <summary>The asset behaves unlike its normal but no failure level is crossed: inspect at the next planned stop.</summary>
    Low = 1,

    /// <summary>One failure level crossed (probability or RUL): schedule within the window.</summary>
    Medium = 2,

    /// <summary>Both failure levels crossed: schedule within the window, first.</summary>
    High = 3,

    /// <summary>RUL below the critical level: act within the critical window.</summary>
    Critical = 4,
}

/// <summary>Lifecycle of a recommendation.</summary>
public enum RecommendationState
{
    /// <summary>Raised, nobody has reacted yet.</summary>
    Open,

    /// <summary>Someone acknowledged it (work is being planned).</summary>
    Acknowledged,

    /// <summary>Closed by command (work done or dismissed); a new one opens only when the risk rises above it or clears and returns.</summary>
    Closed,

    /// <summary>The condition went away (after the minimum dwell) before anyone closed it.</summary>
    Cleared,
}

/// <summary>One piece of evidence behind a recommendation.</summary>
/// <param name="Kind">failureProbability, rul, anomaly or trend.</param>
/// <param name="Property">Property concerned (anomaly contribution, trend), or null.</param>
/// <param name="Value">The value (probability, RUL hours, contribution share, slope per hour).</param>
/// <param name="Level">The configured level it is compared with, or null.</param>
/// <param name="Text">One line for people.</param>
public sealed record MaintenanceEvidence(string Kind, string? Property, double Value, double? Level, string Text);

/// <summary>A maintenance recommendation for one asset: what to do, by when, what it costs, and why.</summary>
public sealed record MaintenanceRecommendation
{
    /// <summary>Unique id ("asset-yyyyMMddTHHmmssZ" of when it opened).</summary>
    public required string Id { get; init; }

    /// <summary>Asset id.</summary>
    public required string Asset { get; init; }

    /// <summary>Asset type (selects downtime and cost).</summary>
    public required string AssetType { get; init; }

    /// <summary>Urgency.</summary>
    public required MaintenancePriority Priority { get; init; }

    /// <summary>Lifecycle state.</summary>
    public RecommendationState State { get; init; } = RecommendationState.Open;

    /// <summary>When it opened.</summary>
    public required DateTime Opened { get; init; }

    /// <summary>When its priority or state last changed.</summary>
    public required DateTime Changed { get; init; }

    /// <summary>Recommended window: start.</summary>
    public required DateTime WindowStart { get; init; }

    /// <summary>Recommended window: the work should be done by then.</summary>
    public required DateTime WindowEnd { get; init; }

    /// <summary>Expected downtime of the asset (from its type), or null when not configured.</summary>
    public TimeSpan? Downtime { get; init; }

    /// <summary>Expected cost (from its type), or null when not configured.</summary>
    public double? Cost { get; init; }

    /// <summary>Currency of <see cref="Cost"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>0..1: how sure the twin is that the level is really crossed (see README).</summary>
    public double Confidence { get; init; }

    /// <summary>Failure probability within <see cref="HorizonHours"/> at the last evaluation.</summary>
    public double? Probability { get; init; }

    /// <summary>Horizon of <see cref="Probability"/>.</summary>
    public double? HorizonHours { get; init; }

    /// <summary>Remaining useful life (hours) at the last evaluation.</summary>
    public double? RulHours { get; init; }

    /// <summary>Why: levels crossed, anomaly contributions, property trends.</summary>
    public IReadOnlyList<MaintenanceEvidence> Evidence { get; init; } = [];

    /// <summary>One sentence: what to do, by when, the downtime, and why.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Who acknowledged it and when.</summary>
    public (string By, DateTime At)? Acknowledged { get; init; }

    /// <summary>Who closed it, when, and their note.</summary>
    public (string By, DateTime At, string? Note)? Closed { get; init; }
}
