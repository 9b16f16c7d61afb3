using EdgeTwin.Core.Samples;

namespace EdgeTwin.Twin.State;

/// <summary>An immutable picture of an asset at one moment, for publishing and the API.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Type">Asset type.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
/// <param name="Status">Sync status.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Properties">Property values.</param>
public sealed record AssetSnapshot(string Asset, string Type, DateTime Timestamp, TwinStatus Status, double Confidence, IReadOnlyList<PropertySnapshot> Properties);

/// <summary>One property in a snapshot.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Value">Value (NaN when unknown).</param>
/// <param name="Text">Text value or bad reason.</param>
/// <param name="Unit">Engineering unit.</param>
/// <param name="Timestamp">Time of the value.</param>
/// <param name="Quality">Quality.</param>
public sealed record PropertySnapshot(string Name, double Value, string? Text, string? Unit, DateTime Timestamp, Quality Quality);
