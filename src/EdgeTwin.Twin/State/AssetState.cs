using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Twin.State;

/// <summary>The live state of one asset (mutable, owned by the twin engine's thread).</summary>
public sealed class AssetState
{
    private readonly Dictionary<string, PropertyState> _byName;

    /// <summary>Creates the state of <paramref name="config"/> with the given properties.</summary>
    public AssetState(AssetConfig config, IReadOnlyList<PropertyState> properties)
    {
        Config = config;
        Properties = properties;
        _byName = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Validated configuration.</summary>
    public AssetConfig Config { get; }

    /// <summary>Asset id.</summary>
    public string Id => Config.Id;

    /// <summary>Properties in configuration order.</summary>
    public IReadOnlyList<PropertyState> Properties { get; }

    /// <summary>Current sync status.</summary>
    public TwinStatus Status { get; internal set; } = TwinStatus.Initializing;

    /// <summary>Confidence 0..1 from quality and freshness of the properties.</summary>
    public double Confidence { get; internal set; }

    /// <summary>True when something changed since the last published snapshot.</summary>
    public bool Dirty { get; internal set; } = true;

    /// <summary>When the last snapshot was taken for publishing.</summary>
    public DateTime LastPublished { get; internal set; }

    /// <summary>The latest snapshot (safe to read from any thread).</summary>
    public AssetSnapshot? Latest { get; internal set; }

    /// <summary>Limit alarms of the asset.</summary>
    public IReadOnlyList<Alarms.AlarmState> Alarms { get; init; } = [];

    /// <summary>Health index 0 (failed) .. 100 (healthy) from alarms and model outputs.</summary>
    public double Health { get; internal set; } = 100;

    /// <summary>Model outputs (anomaly, failure) attached by the model runner; null until a model runs.</summary>
    public ModelOutputs? Models { get; set; }

    /// <summary>Finds a property by name.</summary>
    public bool TryGetProperty(string name, out PropertyState property) => _byName.TryGetValue(name, out property!);
}
