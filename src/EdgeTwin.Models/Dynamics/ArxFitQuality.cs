namespace EdgeTwin.Models.Dynamics;

/// <summary>
/// How well an output is predicted one step ahead (a-priori RLS errors) over the recent quality window.
/// </summary>
/// <param name="Output">Output name.</param>
/// <param name="Samples">Samples in the window.</param>
/// <param name="R2">1 - Σe² / Σ(y - ȳ)² (1 = perfect; ≤ 0 = no better than the mean).</param>
/// <param name="Nrmse">RMS(e) / std(y) (0 = perfect).</param>
/// <param name="Rmse">RMS(e) in output units.</param>
public readonly record struct ArxFitQuality(string Output, int Samples, double R2, double Nrmse, double Rmse);
