namespace EdgeTwin.Models.Anomaly;

/// <summary>The statistics of one scored window.</summary>
/// <param name="Score">Combined, smoothed score (threshold-relative units: the limits normalise T² and Q).</param>
/// <param name="T2">Hotelling T² averaged over the smoothing positions.</param>
/// <param name="Q">Q (squared prediction error) averaged over the smoothing positions.</param>
/// <param name="IsAnomalous">Score above the model's threshold.</param>
public readonly record struct AnomalyEvaluation(double Score, double T2, double Q, bool IsAnomalous);
