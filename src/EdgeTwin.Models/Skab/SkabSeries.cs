namespace EdgeTwin.Models.Skab;

/// <summary>One SKAB experiment: timestamps, feature rows and the point labels.</summary>
/// <param name="Name">File name relative to the dataset directory (e.g. "valve1/3.csv").</param>
/// <param name="FeatureNames">Feature column names in file order.</param>
/// <param name="Timestamps">One timestamp per row.</param>
/// <param name="Rows">Feature values, one array per row.</param>
/// <param name="Anomaly">Point labels (true = anomalous); empty when the file has no label columns.</param>
/// <param name="Changepoint">Changepoint labels; empty when the file has no label columns.</param>
public sealed record SkabSeries(
    string Name,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<DateTime> Timestamps,
    IReadOnlyList<double[]> Rows,
    IReadOnlyList<bool> Anomaly,
    IReadOnlyList<bool> Changepoint)
{
    /// <summary>True when the file has anomaly/changepoint columns.</summary>
    public bool IsLabelled => Anomaly.Count == Rows.Count;
}
