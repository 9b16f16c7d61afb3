using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Writes a <see cref="RulModel"/> as ONNX: input x [batch, window, properties] (raw sensor values and the
/// cycle count, oldest cycle first); window features as constant matrices; ai.onnx.ml TreeEnsembleRegressor;
/// output rul [batch, 1] clamped at 0. A second output, features [batch, features], exposes the tree inputs so
/// the export can be checked against the C# reference node by node.
/// </summary>
public static class RulExporter
{
    /// <summary>Manifest kind.</summary>
    public const string Kind = "rul-gbt";

    /// <summary>Builds the ONNX model and manifest.</summary>
    /// <param name="model">The model.</param>
    /// <param name="name">Model name.</param>
    /// <param name="report">Training report whose figures go into the manifest, if any.</param>
    /// <param name="version">Version text.</param>
    /// <param name="cycleSeconds">Length of one cycle when trained on timed history (null for counted cycles).</param>
    /// <param name="minHistory">Fewest cycles the model was trained to predict from.</param>
    public static ExportedModel Export(RulModel model, string name, RulTrainingReport? report = null, string version = "1", double? cycleSeconds = null, int? minHistory = null)
    {
        WindowFeaturizer fz = model.Featurizer;
        int p = fz.Properties.Count;
        int fe = fz.Features.Count;
        var b = new OnnxGraphBuilder(name);
        string x = b.Input("x", OnnxDataType.Float, "N", model.Window, p);
        string features = b.Reshape(WindowFeatureGraph.Build(b, fz, x), [-1, fe], "features");
        string raw = b.TreeEnsembleRegressor(features, model.Trees);
        b.Relu(raw, "rul");
        b.Output("rul", OnnxDataType.Float, "N", 1);
        b.Output("features", OnnxDataType.Float, "N", fe);

        var fit = new Dictionary<string, double>
        {
            ["trees"] = model.Trees.TreeCount,
            ["nodes"] = model.Trees.NodeCount,
        };
        if (report is not null)
        {
            fit["validationRmse"] = report.Validation.Rmse;
            fit["validationNasaScore"] = report.Validation.NasaScore;
            fit["validationRmseCapped"] = report.ValidationCapped.Rmse;
            fit["validationPoints"] = report.ValidationPoints;
            fit["trainingRows"] = report.TrainingRows;
        }

        var manifest = new ModelManifest
        {
            Kind = Kind,
            Version = version,
            Name = name,
            Created = DateTimeOffset.UtcNow,
            Input = new ManifestInput
            {
                Name = "x",
                Properties = fz.Properties.ToArray(),
                Window = model.Window,
                Normalization = new ManifestNormalization { AppliedBy = NormalizationSite.Model, Mean = fz.RawMean, Std = fz.RawScale },
            },
            Outputs = [new ManifestOutput("rul", ManifestOutput.RulRole)],
            Training = report is null ? null : new ManifestTraining(report.TrainingRows, Source: $"{report.TrainingUnits} run-to-failure units"),
            Fit = fit,
            Features = fz.Features.Select(f => f.Name).ToArray(),
            Rul = new RulManifestSection(model.Cap, model.ErrorModel.Bias, model.ErrorModel.StdSlope, model.ErrorModel.StdIntercept) { CycleSeconds = cycleSeconds, MinHistory = minHistory },
        };
        byte[] onnx = b.Build(docString: $"EdgeTwin RUL regressor '{name}' (gradient-boosted trees, cap {model.Cap})").ToByteArray();
        return new ExportedModel(onnx, manifest);
    }
}
