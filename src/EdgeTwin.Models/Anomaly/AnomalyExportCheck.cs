using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;

namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Checks an exported anomaly model in ONNX Runtime against the C# reference (<see cref="PcaAnomalyModel.Score"/>)
/// on real windows, so a learned model is only put into service when both agree.
/// </summary>
public static class AnomalyExportCheck
{
    /// <summary>Scores every <paramref name="stride"/>-th complete window of <paramref name="rows"/> both ways.</summary>
    /// <returns>The largest |difference| / max(1, |value|) over score, T², Q and contributions.</returns>
    public static double Run(PcaAnomalyModel model, ExportedModel export, IReadOnlyList<double[]> rows, int stride = 10)
    {
        int p = model.Properties.Count;
        int w = model.InputWindow;
        using OnnxAnomalyScorer scorer = OnnxAnomalyScorer.Create(export, "<check>");
        float[] windowF = new float[w * p];
        double[] window = new double[w * p];
        double[] contributions = new double[p];
        double worst = 0;
        for (int end = w - 1; end < rows.Count; end += Math.Max(1, stride))
        {
            for (int r = 0; r < w; r++)
            {
                for (int j = 0; j < p; j++)
                {
                    windowF[r * p + j] = (float)rows[end - w + 1 + r][j];
                    window[r * p + j] = windowF[r * p + j];
                }
            }

            AnomalyEvaluation reference = model.Score(window, contributions);
            AnomalyResult onnx = scorer.Score(windowF);
            worst = Math.Max(worst, Diff(reference.Score, onnx.Score));
            worst = Math.Max(worst, Diff(reference.T2, onnx.T2));
            worst = Math.Max(worst, Diff(reference.Q, onnx.Q));
            for (int j = 0; j < p; j++)
            {
                worst = Math.Max(worst, Diff(contributions[j], scorer.Contributions[j]));
            }
        }

        return worst;
    }

    /// <summary>Runs the check and throws when the difference reaches <paramref name="tolerance"/>.</summary>
    /// <exception cref="ModelException">The export does not reproduce the C# model.</exception>
    public static void Verify(PcaAnomalyModel model, ExportedModel export, IReadOnlyList<double[]> rows, double tolerance = 1e-4)
    {
        double worst = Run(model, export, rows);
        if (!(worst < tolerance))
        {
            throw new ModelException($"exported anomaly model '{export.Manifest.Name}' differs from the C# reference by {worst:E2} (tolerance {tolerance:E0})");
        }
    }

    private static double Diff(double a, double b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(a));
}
