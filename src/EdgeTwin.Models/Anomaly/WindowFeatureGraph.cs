using EdgeTwin.Models.Onnx;

namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Emits the ONNX nodes computing a <see cref="WindowFeaturizer"/>'s features from a raw input
/// [batch, window, properties]: standardise, multiply by constant summary matrices over the window axis
/// (mean, slope, last; standard deviation from the mean of squares), and place each summary in its feature
/// column with a 0/1 selection matrix. Result: [batch, positions, features].
/// </summary>
public static class WindowFeatureGraph
{
    /// <summary>Adds the feature nodes and returns the name of the [batch, positions, features] value.</summary>
    public static string Build(OnnxGraphBuilder b, WindowFeaturizer fz, string input)
    {
        int p = fz.Properties.Count;
        int w = fz.InputWindow;
        int l = fz.Positions;
        int fe = fz.Features.Count;
        string xs = b.Div(b.Sub(input, b.Constant("raw_mean", fz.RawMean, p)), b.Constant("raw_std", fz.RawScale, p));
        string? centred = null;
        string? squares = null;
        string? features = null;
        foreach (IGrouping<(WindowFeatureKind Kind, int Window), int> group in Enumerable.Range(0, fe).GroupBy(i => (SummaryKind(fz.Features[i].Kind), fz.Features[i].Window)))
        {
            (WindowFeatureKind kind, int window) = group.Key;
            string tag = $"{kind.ToString().ToLowerInvariant()}{window}";
            string m = b.Constant($"w_{tag}", SummaryMatrix(kind, window, w, l), l, w);
            string summary = b.MatMul(m, xs);
            string? std = null;
            if (group.Any(i => fz.Features[i].Kind == WindowFeatureKind.StdDev))
            {
                // Variance is shift-invariant: centre on the latest sample so E[x²] - E[x]² does not cancel
                // catastrophically in float32 when a window is nearly constant far from the training mean.
                if (centred is null)
                {
                    double[] pickLast = new double[w];
                    pickLast[w - 1] = 1;
                    centred = b.Sub(xs, b.MatMul(b.Constant("w_latest", pickLast, 1, w), xs));
                    squares = b.Mul(centred, centred);
                }

                string centredMean = b.MatMul(m, centred);
                string meanSquares = b.MatMul(m, squares!);
                std = b.Sqrt(b.Relu(b.Sub(meanSquares, b.Mul(centredMean, centredMean))));
            }

            foreach (bool isStd in new[] { false, true })
            {
                int[] members = group.Where(i => (fz.Features[i].Kind == WindowFeatureKind.StdDev) == isStd).ToArray();
                if (members.Length == 0)
                {
                    continue;
                }

                float[] select = new float[p * fe];
                foreach (int i in members)
                {
                    select[fz.PropertyIndex[i] * fe + i] = 1;
                }

                string part = b.MatMul(isStd ? std! : summary, b.Constant($"sel_{tag}_{(isStd ? "std" : "lin")}", select, p, fe));
                features = features is null ? part : b.Add(features, part);
            }
        }

        return features!;
    }

    // StdDev features share the mean matrix of their window.
    private static WindowFeatureKind SummaryKind(WindowFeatureKind kind) => kind == WindowFeatureKind.StdDev ? WindowFeatureKind.Mean : kind;

    private static double[] SummaryMatrix(WindowFeatureKind kind, int window, int inputWindow, int positions)
    {
        double[] m = new double[positions * inputWindow];
        for (int l = 0; l < positions; l++)
        {
            int end = inputWindow - positions + l;
            int start = end - window + 1;
            for (int r = start; r <= end; r++)
            {
                m[l * inputWindow + r] = kind switch
                {
                    WindowFeatureKind.Last => 1,
                    WindowFeatureKind.Mean => 1.0 / window,
                    _ => WindowFeaturizer.SlopeWeight(window, r - start),
                };
            }
        }

        return m;
    }
}
