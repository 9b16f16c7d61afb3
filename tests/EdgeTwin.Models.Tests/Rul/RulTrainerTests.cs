using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Rul;
using EdgeTwin.Models.Trees;
using MathNet.Numerics.Distributions;

namespace EdgeTwin.Models.Tests.Rul;

public sealed class RulTrainerTests
{
    private static readonly string Excerpt = TestData.Path("cmapss", "train_FD001-units1-6.txt");

    // Small and fast: few trees, shallow; the committed model uses the defaults.
    private static readonly RulTrainingOptions Small = new()
    {
        Window = 30,
        ValidationFraction = 0.34,
        CutsPerUnit = 5,
        Boosting = new GradientBoostingOptions { Trees = 40, LearningRate = 0.15, MaxDepth = 3, MinLeafRows = 10 },
    };

    [Fact]
    public void Reader_ReadsUnitsCyclesAndValues()
    {
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, units.Select(u => u.Id));
        Assert.Equal(new[] { 192, 287, 179, 189, 269, 188 }, units.Select(u => u.Length));
        Assert.Equal(Enumerable.Range(1, 192), units[0].Cycles);
        Assert.Equal(518.67, units[0].Values[0][3], 9);   // s1
        Assert.Equal(23.4190, units[0].Values[0][23], 9);  // s21
    }

    [Fact]
    public void Reader_RejectsLinesWithTheWrongFieldCount()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cmapss-bad-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "1 1 0 0 100 " + string.Join(' ', Enumerable.Repeat("1.0", 21)) + "\n1 2 0 0\n");
        try
        {
            DatasetFormatException ex = Assert.Throws<DatasetFormatException>(() => CmapssReader.ReadTrajectories(path));
            Assert.Equal(2, ex.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_DropsQuantisedConstantSensorsAndIsReproducible()
    {
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);

        RulTrainingResult a = RulTrainer.Train(units, Small);
        RulTrainingResult b = RulTrainer.Train(units, Small);

        Assert.DoesNotContain("s1", a.Report.Sensors);
        Assert.DoesNotContain("s6", a.Report.Sensors);
        Assert.Contains("s4", a.Report.Sensors);
        Assert.Equal("cycle", a.Model.Properties[^1]);
        Assert.Equal(a.Report.Validation, b.Report.Validation);
        double[] window = a.Model.WindowOf(units[0].Truncate(100));
        Assert.Equal(a.Model.Predict(window), b.Model.Predict(window));
    }

    [Fact]
    public void LeaveOneEngineOut_BeatsAConstantPredictorAndIsReproducible()
    {
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);

        (IReadOnlyList<RulMetrics> folds, RulMetrics pooled) = RulEvaluator.CrossValidate(units, Small, folds: 6);
        (_, RulMetrics again) = RulEvaluator.CrossValidate(units, Small, folds: 6);

        // 6 folds x 5 truncations; true RUL uniform on 7..145, whose standard deviation (145 - 7) / √12 ≈ 40
        // is what a constant predictor would score. Five training engines are few, so the bar is modest.
        Assert.Equal(30, pooled.Count);
        Assert.Equal(6, folds.Count);
        Assert.True(pooled.Rmse < 30, pooled.ToString());
        Assert.Equal(pooled, again);
    }

    [Fact]
    public void Export_ReproducesTheReferenceInOnnxRuntime()
    {
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);
        RulTrainingResult result = RulTrainer.Train(units, Small);
        ExportedModel export = RulExporter.Export(result.Model, "excerpt", result.Report);
        var windows = units.SelectMany(u => Enumerable.Range(1, 12).Select(k => result.Model.WindowOf(u.Truncate(u.Length * k / 12)))).ToList();

        (double featureDiff, double rulDiff) = RulExportCheck.Run(result.Model, export, windows);

        Assert.True(featureDiff < 1e-4, $"feature difference {featureDiff}");
        Assert.True(rulDiff < 1e-4, $"RUL difference {rulDiff}");
        Assert.True(export.Onnx.Length < 2 * 1024 * 1024);
    }

    [Fact]
    public void Predictor_GivesRulIntervalAndFailureProbability()
    {
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);
        (RulModel model, _) = RulTrainer.Fit(units, Small, new RulErrorModel(Bias: 2, StdIntercept: 5, StdSlope: 0.1));
        using RulPredictor predictor = RulPredictor.Create(RulExporter.Export(model, "excerpt"));
        float[] nearEnd = model.WindowOf(units[0].Truncate(units[0].Length - 5)).Select(v => (float)v).ToArray();
        float[] early = model.WindowOf(units[0].Truncate(40)).Select(v => (float)v).ToArray();

        RulPrediction late = predictor.Predict(nearEnd, horizon: 30);
        RulPrediction young = predictor.Predict(early, horizon: 30);

        Assert.True(late.Rul < 40, $"near failure predicted {late.Rul}");
        Assert.True(young.Rul > 80, $"young engine predicted {young.Rul}");
        // True RUL ~ N(rul - 2, 5 + 0.1 rul): P(RUL <= 30) = Φ((30 - rul + 2) / (5 + 0.1 rul)).
        foreach (RulPrediction p in new[] { late, young })
        {
            double sigma = 5 + 0.1 * p.Rul;
            Assert.Equal(Normal.CDF(p.Rul - 2, sigma, 30), p.FailureProbability, 9);
            Assert.Equal(Math.Max(0, p.Rul - 2 + 1.6448536 * sigma), p.Upper, 5);
        }

        Assert.True(late.FailureProbability > young.FailureProbability);
        Assert.Equal(RulExporter.Kind, predictor.Manifest.Kind);
        Assert.Equal(model.Cap, predictor.Manifest.Rul!.Cap);
    }
    [Fact]
    public void CommittedDefaultModel_LoadsAndPredictsTheExcerptEngines()
    {
        string onnx = Path.Combine(RepositoryRoot(), "config", "models", "rul-cmapss-fd001.onnx");
        using RulPredictor predictor = RulPredictor.Load(onnx);
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(Excerpt);
        var test = units.Select(u => u.Truncate(u.Length - 20)).ToList();

        RulMetrics metrics = RulEvaluator.EvaluateTest(predictor, test, test.Select(_ => 20.0).ToList());

        // These engines were in its training data, so this checks wiring and sanity, not generalisation.
        Assert.True(metrics.Rmse < 10, metrics.ToString());
        Assert.True(new FileInfo(onnx).Length < 2 * 1024 * 1024);
    }

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EdgeTwin.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("EdgeTwin.sln not found above the test directory");
    }
}
