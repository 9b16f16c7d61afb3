namespace EdgeTwin.Twin.State;

/// <summary>The latest outputs of an asset's models, published on the twin topic.</summary>
public sealed record ModelOutputs
{
    /// <summary>Anomaly score (model-specific scale; compare with the threshold), or null without an anomaly model.</summary>
    public double? AnomalyScore { get; init; }

    /// <summary>Threshold of the anomaly score.</summary>
    public double? AnomalyThreshold { get; init; }

    /// <summary>Debounced anomaly flag.</summary>
    public bool Anomalous { get; init; }

    /// <summary>Top contributing properties with their share (0..1), largest first.</summary>
    public IReadOnlyList<(string Property, double Share)> Contributions { get; init; } = [];

    /// <summary>Learning state: learning, ready, none.</summary>
    public string? AnomalyState { get; init; }

    /// <summary>Why the anomaly model failed, or why the last replacement was rejected; null when all is well.</summary>
    public string? AnomalyError { get; init; }

    /// <summary>File of the anomaly model in service (null when none or not kept).</summary>
    public string? AnomalyModel { get; init; }

    /// <summary>Learning progress 0..1 while learning.</summary>
    public double? LearningProgress { get; init; }

    /// <summary>Remaining useful life in hours, or null without a failure model.</summary>
    public double? RulHours { get; init; }

    /// <summary>Lower and upper bound of the RUL interval (hours).</summary>
    public (double Low, double High)? RulInterval { get; init; }

    /// <summary>Probability of failure within the configured horizon.</summary>
    public double? FailureProbability { get; init; }

    /// <summary>Horizon of <see cref="FailureProbability"/>.</summary>
    public TimeSpan? FailureHorizon { get; init; }

    /// <summary>State of the failure model: collecting (too little history yet), ready or failed; null without one.</summary>
    public string? FailureState { get; init; }

    /// <summary>Cycles of history collected while <see cref="FailureState"/> is collecting, and the cycles needed.</summary>
    public (int Have, int Need)? FailureHistory { get; init; }

    /// <summary>Why the failure model is not in service (failed), or why the last replacement was rejected.</summary>
    public string? FailureError { get; init; }

    /// <summary>File of the failure model in service.</summary>
    public string? FailureModel { get; init; }
}
