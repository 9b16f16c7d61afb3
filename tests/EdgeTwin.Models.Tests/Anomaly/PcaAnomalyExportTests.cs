using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Onnx.Proto;
using EdgeTwin.Models.Skab;

namespace EdgeTwin.Models.Tests.Anomaly;

public sealed class PcaAnomalyExportTests
{
    private static readonly AnomalyModelOptions Options = new() { SmoothingPositions = 5, ThresholdFactor = 1.5 };

    [Fact]
    public void ExportedModel_MatchesReferenceInOnnxRuntime()
    {
        List<double[]> training = SyntheticAsset.Normal(400, seed: 3);
        PcaAnomalyModel model = PcaAnomalyTrainer.Fit(SyntheticAsset.Properties, training, Options);
        ExportedModel export = PcaAnomalyExporter.Export(model, "pump-1");
        using OnnxAnomalyScorer scorer = OnnxAnomalyScorer.Create(export);
        List<double[]> live = SyntheticAsset.WithPressureFault(300, faultStart: 150, seed: 4);
        int w = model.InputWindow;
        int p = SyntheticAsset.Properties.Length;
        double maxDiff = 0;
        double[] window = new double[w * p];
        float[] windowF = new float[w * p];
        double[] contributions = new double[p];

        for (int end = w - 1; end < live.Count; end += 7)
        {
            for (int r = 0; r < w; r++)
            {
                for (int j = 0; j < p; j++)
                {
                    windowF[r * p + j] = (float)live[end - w + 1 + r][j];
                    window[r * p + j] = windowF[r * p + j];  // same float-rounded inputs on both sides
                }
            }

            AnomalyEvaluation reference = model.Score(window, contributions);
            AnomalyResult onnx = scorer.Score(windowF);
            maxDiff = Math.Max(maxDiff, RelativeDiff(reference.Score, onnx.Score));
            maxDiff = Math.Max(maxDiff, RelativeDiff(reference.T2, onnx.T2));
            maxDiff = Math.Max(maxDiff, RelativeDiff(reference.Q, onnx.Q));
            for (int j = 0; j < p; j++)
            {
                maxDiff = Math.Max(maxDiff, RelativeDiff(contributions[j], scorer.Contributions[j]));
            }

            Assert.Equal(reference.IsAnomalous, onnx.IsAnomalous);
        }

        // |difference| / max(1, |value|) < 1e-4: absolute below 1, relative for the large T² values.
        Assert.True(maxDiff < 1e-4, $"max difference {maxDiff}");
    }

    [Fact]
    public void ExportCheck_PassesOnSkabDataAndCatchesAMismatchedModel()
    {
        SkabSeries series = SkabReader.Read(TestData.Path("skab", "valve1-10-excerpt.csv"));
        var rows = series.Rows.ToList();
        PcaAnomalyModel model = PcaAnomalyTrainer.Fit(series.FeatureNames, rows.Take(400).ToList());
        ExportedModel export = PcaAnomalyExporter.Export(model, "valve1-10");

        Assert.True(AnomalyExportCheck.Run(model, export, rows) < 1e-4);
        AnomalyExportCheck.Verify(model, export, rows);

        PcaAnomalyModel other = PcaAnomalyTrainer.Fit(series.FeatureNames, rows.Skip(100).Take(400).ToList());
        Assert.Throws<EdgeTwin.Models.Errors.ModelException>(() => AnomalyExportCheck.Verify(other, export, rows));
    }

    [Fact]
    public void Scorer_FlagsThePressureFaultAndNamesPressure()
    {
        PcaAnomalyModel model = PcaAnomalyTrainer.Fit(SyntheticAsset.Properties, SyntheticAsset.Normal(400, seed: 3), Options);
        using OnnxAnomalyScorer scorer = OnnxAnomalyScorer.Create(PcaAnomalyExporter.Export(model, "pump-1"));
        var window = new SampleWindow(scorer.Window, SyntheticAsset.Properties.Length);
        List<double[]> live = SyntheticAsset.WithPressureFault(400, faultStart: 200, seed: 5);
        int normalFlags = 0;
        int faultFlags = 0;
        IReadOnlyList<Contributor> top = Array.Empty<Contributor>();
        for (int i = 0; i < live.Count; i++)
        {
            window.Push(live[i]);
            if (!window.IsFull)
            {
                continue;
            }

            AnomalyResult r = scorer.Score(window);
            if (i < 200)
            {
                normalFlags += r.IsAnomalous ? 1 : 0;
            }
            else if (i >= 200 + scorer.Window)
            {
                faultFlags += r.IsAnomalous ? 1 : 0;
                top = scorer.TopContributors();
            }
        }

        int faultWindows = live.Count - 200 - scorer.Window;
        Assert.True(normalFlags <= 5, $"{normalFlags} false alarms before the fault");
        Assert.True(faultFlags >= faultWindows * 9 / 10, $"{faultFlags} of {faultWindows} fault windows flagged");
        Assert.Equal("pressure", top[0].Property);
        Assert.StartsWith("pressure", Contributor.Describe(top));
    }

    [Fact]
    public void Export_WritesManifestDescribingTheGraph()
    {
        PcaAnomalyModel model = PcaAnomalyTrainer.Fit(SyntheticAsset.Properties, SyntheticAsset.Normal(400, seed: 3), Options, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        ExportedModel export = PcaAnomalyExporter.Export(model, "pump-1");
        string dir = Path.Combine(Path.GetTempPath(), "edgetwin-models-" + Guid.NewGuid().ToString("N"));
        try
        {
            (string onnxPath, string manifestPath) = export.Save(dir, "pump-1");
            ModelManifest manifest = ModelManifest.Load(manifestPath);
            OnnxModel graph = OnnxModel.Parse(File.ReadAllBytes(onnxPath));

            Assert.Equal("pca-t2q", manifest.Kind);
            Assert.Equal(SyntheticAsset.Properties, manifest.Input.Properties);
            Assert.Equal(model.InputWindow, manifest.Input.Window);
            Assert.Equal(model.Threshold, manifest.Threshold);
            Assert.Equal(400, manifest.Training!.Rows);
            Assert.Equal(model.Pca.ComponentCount, manifest.Fit!["components"]);
            Assert.Equal(model.Featurizer.RawMean, manifest.Input.Normalization!.Mean);
            Assert.Equal(new[] { "score", "t2", "q", "contributions" }, graph.Graph.Outputs.Select(o => o.Name));
            Assert.Equal(model.InputWindow, graph.Graph.Inputs[0].Shape![1].Value);
            using OnnxAnomalyScorer loaded = OnnxAnomalyScorer.Load(onnxPath);
            Assert.Equal(model.Threshold, loaded.Threshold);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Debouncer_NeedsConsecutiveResultsBothWays()
    {
        var d = new AnomalyDebouncer(onCount: 2, offCount: 3);
        bool[] raw = { true, false, true, true, false, false, true, false, false, false };
        bool[] expected = { false, false, false, true, true, true, true, true, true, false };
        Assert.Equal(expected, raw.Select(d.Update));
    }

    private static double RelativeDiff(double a, double b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(a));
}
