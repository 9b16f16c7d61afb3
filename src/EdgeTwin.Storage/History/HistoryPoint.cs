namespace EdgeTwin.Storage;

/// <summary>One value of a point's history.</summary>
/// <param name="Timestamp">Time of the value (UTC); for a downsampled point the mean time of the values it stands for.</param>
/// <param name="Value">The value; for a downsampled point the mean of the values it stands for.</param>
public readonly record struct HistoryPoint(DateTime Timestamp, double Value);
