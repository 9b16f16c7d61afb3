namespace EdgeTwin.Core.Configuration;

/// <summary>An asset of the twin (pump, motor, cooling unit...).</summary>
public sealed record AssetConfig
{
    /// <summary>Asset id, unique in the gateway.</summary>
    public required string Id { get; init; }

    /// <summary>Asset type (pump, motor, chiller...), selects type defaults.</summary>
    public string Type { get; init; } = "generic";

    /// <summary>Property name to point key ("device/point").</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Derived properties: name to formula over other properties, in definition order.</summary>
    public IReadOnlyList<DerivedConfig> Derived { get; init; } = [];

    /// <summary>Alarm definitions.</summary>
    public IReadOnlyList<AlarmConfig> Alarms { get; init; } = [];

    /// <summary>Anomaly model settings, or null for none.</summary>
    public AnomalyConfig? Anomaly { get; init; }

    /// <summary>Failure / RUL model settings, or null for none.</summary>
    public FailureConfig? Failure { get; init; }

    /// <summary>What-if dynamics settings, or null for none.</summary>
    public DynamicsConfig? Dynamics { get; init; }

    /// <summary>Declared capacity (power, cooling...) whose headroom the twin reports, or null for none.</summary>
    public CapacityConfig? Capacity { get; init; }
}

/// <summary>A declared capacity of an asset: the property that uses it and its limit.</summary>
/// <param name="Property">Property measuring the use (power, cooling load...).</param>
/// <param name="Limit">Capacity in the property's unit.</param>
public sealed record CapacityConfig(string Property, double Limit);

/// <summary>A property computed from others.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Formula">Formula over properties defined before it (see the README's formula language).</param>
/// <param name="Unit">Engineering unit, for display.</param>
public sealed record DerivedConfig(string Name, string Formula, string? Unit = null);

/// <summary>A limit alarm on a property.</summary>
/// <param name="Id">Alarm id, unique in the asset.</param>
/// <param name="Property">Property watched.</param>
/// <param name="High">Raise above this.</param>
/// <param name="Low">Raise below this.</param>
/// <param name="Hysteresis">Clear only this far back inside the limit.</param>
/// <param name="OnDelay">Condition must hold this long before raising.</param>
/// <param name="OffDelay">Condition must be gone this long before clearing.</param>
/// <param name="Latched">Stays active until acknowledged.</param>
/// <param name="Severity">info, warning, critical.</param>
public sealed record AlarmConfig(string Id, string Property, double? High, double? Low, double Hysteresis, TimeSpan OnDelay, TimeSpan OffDelay, bool Latched, string Severity = "warning");

/// <summary>On-site learned anomaly model.</summary>
/// <param name="LearnSamples">Samples to learn from, or 0 when learning by time.</param>
/// <param name="LearnDuration">Time to learn over, or null when learning by count.</param>
/// <param name="Features">Properties used.</param>
/// <param name="Window">Samples per window.</param>
/// <param name="Model">ONNX file of a supplied model (bring your own), or null to learn.</param>
public sealed record AnomalyConfig(int LearnSamples, TimeSpan? LearnDuration, IReadOnlyList<string> Features, int Window = 1, string? Model = null);

/// <summary>Failure / remaining-useful-life model.</summary>
/// <param name="Model">ONNX file with its manifest beside it.</param>
/// <param name="Horizon">Horizon of the failure probability.</param>
/// <param name="Inputs">Model input name to property name (inputs not listed are read from the property of the same name).</param>
/// <param name="CycleLength">Duration of one model cycle, or null to take it from the model's manifest.</param>
/// <param name="Level">Failure probability within the horizon above which a failureRisk event is raised (cleared 0.1 below).</param>
public sealed record FailureConfig(string Model, TimeSpan Horizon, IReadOnlyDictionary<string, string> Inputs, TimeSpan? CycleLength = null, double Level = 0.5);

/// <summary>Online-identified dynamics for what-if simulation.</summary>
/// <param name="Inputs">Controllable or exogenous properties.</param>
/// <param name="Outputs">State properties predicted.</param>
/// <param name="Step">Model time step.</param>
/// <param name="Forgetting">RLS forgetting factor.</param>
public sealed record DynamicsConfig(IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, TimeSpan Step, double Forgetting = 0.999);
