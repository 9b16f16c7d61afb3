using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Checks an exported RUL model in ONNX Runtime against the C# reference: the graph's feature output against
/// the C# featurizer, and the graph's RUL against the C# trees evaluated on the graph's own features (so a
/// float-rounding difference right at a split threshold cannot hide or fake a mismatch).
/// </summary>
public static class RulExportCheck
{
    /// <summary>Runs the check on the given raw windows and returns the largest differences.</summary>
    /// <returns>Largest |feature difference| / max(1, |feature|), and largest |RUL difference|.</returns>
    public static (double MaxFeatureDiff, double MaxRulDiff) Run(RulModel model, ExportedModel export, IReadOnlyList<double[]> windows)
    {
        int p = model.Properties.Count;
        int w = model.Window;
        int fe = model.Featurizer.Features.Count;
        using var session = new InferenceSession(export.Onnx);
        double featureDiff = 0;
        double rulDiff = 0;
        double[] reference = new double[fe];
        foreach (double[] window in windows)
        {
            var input = new DenseTensor<float>(window.Select(v => (float)v).ToArray(), [1, w, p]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", input)]);
            float[] features = results.First(r => r.Name == "features").AsTensor<float>().ToArray();
            float rul = results.First(r => r.Name == "rul").AsTensor<float>().ToArray()[0];
            model.Featurizer.Compute(window.Select(v => (double)(float)v).ToArray(), w - 1, reference);
            for (int i = 0; i < fe; i++)
            {
                featureDiff = Math.Max(featureDiff, Math.Abs(features[i] - reference[i]) / Math.Max(1, Math.Abs(reference[i])));
            }

            rulDiff = Math.Max(rulDiff, Math.Abs(rul - Math.Max(0, model.Trees.Predict(features))));
        }

        return (featureDiff, rulDiff);
    }

    /// <summary>Runs the check and throws when a difference reaches <paramref name="tolerance"/>.</summary>
    /// <exception cref="ModelException">The export does not reproduce the C# model.</exception>
    public static void Verify(RulModel model, ExportedModel export, IReadOnlyList<double[]> windows, double tolerance = 1e-4)
    {
        (double f, double r) = Run(model, export, windows);
        if (f >= tolerance || r >= tolerance)
        {
            throw new ModelException($"exported RUL model differs from the C# reference: features {f:E2}, RUL {r:E2} (tolerance {tolerance:E0})");
        }
    }
}
