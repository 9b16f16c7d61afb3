using EdgeTwin.Core.Samples;

namespace EdgeTwin.Twin.State;

/// <summary>An immutable picture of an asset at one moment, for publishing and the API.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Type">Asset type.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
/// <param name="Status">Sync status.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Properties">Property values.</param>
public sealed record AssetSnapshot(string Asset, string Type, DateTime Timestamp, TwinStatus Status, double Confidence, IReadOnlyList<PropertySnapshot> Properties)
{
    /// <summary>Health index 0..100.</summary>
    public double Health { get; init; } = 100;

    /// <summary>Active alarms.</summary>
    public IReadOnlyList<AlarmSnapshot> Alarms { get; init; } = [];

    /// <summary>Model outputs, when the asset has models.</summary>
    public ModelOutputs? Models { get; init; }

    /// <summary>Headroom of the declared capacity now, when the asset declares one.</summary>
    public CapacitySnapshot? Capacity { get; init; }
}

/// <summary>An asset's declared capacity and what is left of it now.</summary>
/// <param name="Property">Property that uses the capacity.</param>
/// <param name="Limit">The declared capacity, in the property's unit.</param>
/// <param name="Value">The property's value now (NaN when it is bad or not yet known).</param>
/// <param name="Unit">The property's unit.</param>
public sealed record CapacitySnapshot(string Property, double Limit, double Value, string? Unit)
{
    /// <summary>Limit minus the value now (NaN when the value is not known).</summary>
    public double Headroom => Limit - Value;
}

/// <summary>An active alarm in a snapshot.</summary>
/// <param name="Id">Alarm id.</param>
/// <param name="Property">Watched property.</param>
/// <param name="Severity">info, warning, critical.</param>
/// <param name="Value">Latest value of the property.</param>
/// <param name="Limit">high or low.</param>
/// <param name="RaisedAt">When raised.</param>
/// <param name="Acknowledged">Acknowledged by someone.</param>
/// <param name="Condition">The limit is still violated.</param>
public sealed record AlarmSnapshot(string Id, string Property, string Severity, double Value, string? Limit, DateTime? RaisedAt, bool Acknowledged, bool Condition);

/// <summary>One property in a snapshot.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Value">Value (NaN when unknown).</param>
/// <param name="Text">Text value or bad reason.</param>
/// <param name="Unit">Engineering unit.</param>
/// <param name="Timestamp">Time of the value.</param>
/// <param name="Quality">Quality.</param>
/// <param name="Type">Data type of the source point (null for derived properties).</param>
public sealed record PropertySnapshot(string Name, double Value, string? Text, string? Unit, DateTime Timestamp, Quality Quality, Core.Points.PointType? Type = null);
