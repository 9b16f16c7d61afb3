using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Writes a <see cref="PcaAnomalyModel"/> as an ONNX graph of core operators plus its manifest.
/// Input x: [batch, window, properties] raw values. Outputs: score [batch], t2 [batch], q [batch],
/// contributions [batch, properties]. Window summaries are constant matrices over the window axis
/// (mean, slope, last) and a mean of squares (standard deviation), so the graph is plain MatMul arithmetic.
/// </summary>
public static class PcaAnomalyExporter
{
    /// <summary>Manifest kind of these models.</summary>
    public const string Kind = "pca-t2q";

    /// <summary>Input tensor name.</summary>
    public const string InputName = "x";

    /// <summary>Builds the ONNX model and manifest.</summary>
    /// <param name="model">The learned model.</param>
    /// <param name="name">Model name recorded in both files (e.g. the asset id).</param>
    /// <param name="version">Version recorded in the manifest.</param>
    public static ExportedModel Export(PcaAnomalyModel model, string name, string version = "1")
    {
        WindowFeaturizer fz = model.Featurizer;
        PcaModel pca = model.Pca;
        int p = fz.Properties.Count;
        int w = fz.InputWindow;
        int l = fz.Positions;
        int fe = fz.Features.Count;
        int k = pca.ComponentCount;

        var b = new OnnxGraphBuilder(name);
        string x = b.Input(InputName, OnnxDataType.Float, "N", w, p);
        string features = WindowFeatureGraph.Build(b, fz, x);
        string z = b.Div(b.Sub(features, b.Constant("feature_mean", pca.Mean, fe)), b.Constant("feature_std", pca.Scale, fe));
        string loadings = b.Constant("loadings", pca.Loadings, fe, k);
        string loadingsT = b.Constant("loadings_t", Transpose(pca.Loadings, fe, k), k, fe);
        string t = b.MatMul(z, loadings);
        string tw = b.Mul(t, b.Constant("inv_eigen", pca.Eigenvalues.Select(v => 1 / v).ToArray(), k));
        string t2 = b.ReduceSum(b.Mul(t, tw), [2], keepDims: false);
        string e = b.Sub(z, b.MatMul(t, loadingsT));
        string e2 = b.Mul(e, e);
        string q = b.ReduceSum(e2, [2], keepDims: false);
        string invT2 = b.Constant("inv_t2_limit", new[] { 1 / model.T2Limit }, 1);
        string invQ = b.Constant("inv_q_limit", new[] { 1 / model.QLimit }, 1);
        string t2n = b.Mul(t2, invT2);
        string qn = b.Mul(q, invQ);
        string combined = model.Combination == StatisticCombination.Max ? b.Max(t2n, qn) : b.Add(t2n, qn);
        b.ReduceMean(combined, [1], keepDims: false, "score");
        b.ReduceMean(t2, [1], keepDims: false, "t2");
        b.ReduceMean(q, [1], keepDims: false, "q");

        string t2Parts = b.Mul(b.Mul(z, b.MatMul(tw, loadingsT)), invT2);
        string featureParts = b.Add(b.Mul(e2, invQ), t2Parts);
        float[] toProperty = new float[fe * p];
        for (int i = 0; i < fe; i++)
        {
            toProperty[i * p + fz.PropertyIndex[i]] = 1;
        }

        string perProperty = b.MatMul(featureParts, b.Constant("feature_to_property", toProperty, fe, p));
        b.ReduceMean(perProperty, [1], keepDims: false, "contributions");
        b.Output("score", OnnxDataType.Float, "N");
        b.Output("t2", OnnxDataType.Float, "N");
        b.Output("q", OnnxDataType.Float, "N");
        b.Output("contributions", OnnxDataType.Float, "N", p);

        var manifest = new ModelManifest
        {
            Kind = Kind,
            Version = version,
            Name = name,
            Created = DateTimeOffset.UtcNow,
            Input = new ManifestInput
            {
                Name = InputName,
                Properties = fz.Properties.ToArray(),
                Window = w,
                Normalization = new ManifestNormalization { AppliedBy = NormalizationSite.Model, Mean = fz.RawMean, Std = fz.RawScale },
            },
            Outputs =
            [
                new ManifestOutput("score", ManifestOutput.ScoreRole),
                new ManifestOutput("t2", ManifestOutput.T2Role),
                new ManifestOutput("q", ManifestOutput.QRole),
                new ManifestOutput("contributions", ManifestOutput.ContributionsRole),
            ],
            Threshold = model.Threshold,
            Training = new ManifestTraining(model.Statistics.TrainingRows, model.Statistics.TrainingStart, model.Statistics.TrainingEnd, name),
            Fit = new Dictionary<string, double>
            {
                ["components"] = pca.ComponentCount,
                ["explainedVariance"] = pca.ExplainedVariance,
                ["t2Limit"] = model.T2Limit,
                ["qLimit"] = model.QLimit,
                ["featureRows"] = model.Statistics.FeatureRows,
                ["trainingScoreQuantile"] = model.Statistics.TrainingScoreQuantile,
                ["trainingScoreMean"] = model.Statistics.TrainingScoreMean,
                ["smoothingPositions"] = l,
                ["combination"] = (int)model.Combination,
            },
            Features = fz.Features.Select(f => f.Name).ToArray(),
        };
        byte[] onnx = b.Build(docString: $"EdgeTwin PCA T2+Q anomaly model '{name}'").ToByteArray();
        return new ExportedModel(onnx, manifest);
    }

    private static double[] Transpose(double[] m, int rows, int cols)
    {
        double[] t = new double[m.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = m[i * cols + j];
            }
        }

        return t;
    }
}
