namespace EdgeTwin.Models.Anomaly;

/// <summary>One live anomaly inference.</summary>
/// <param name="Score">Model score (or probability).</param>
/// <param name="Threshold">Threshold from the manifest.</param>
/// <param name="IsAnomalous">Score above the threshold (not debounced).</param>
/// <param name="T2">Hotelling T², or NaN when the model has no t2 output.</param>
/// <param name="Q">Q statistic, or NaN when the model has no q output.</param>
public readonly record struct AnomalyResult(double Score, double Threshold, bool IsAnomalous, double T2, double Q);
