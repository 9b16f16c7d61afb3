namespace EdgeTwin.Models.Rul;

/// <summary>
/// What <c>edgetwin model train rul --data FILE --out DIR</c> runs: read run-to-failure data, train and validate,
/// export ONNX + manifest, check the export in ONNX Runtime, and write a Markdown training report.
/// </summary>
public static class RulTrainingPipeline
{
    /// <summary>Trains from a C-MAPSS training file and writes <c>name.onnx</c>, <c>name.json</c> and <c>name.md</c> into <paramref name="outputDirectory"/>.</summary>
    /// <returns>The written paths and the training report.</returns>
    /// <param name="dataPath">A C-MAPSS training file (run-to-failure trajectories).</param>
    /// <param name="outputDirectory">Where the files go (created if needed).</param>
    /// <param name="name">Base name of the files.</param>
    /// <param name="options">Training settings (null for defaults).</param>
    /// <param name="crossValidationFolds">When above 1, also run k-fold cross-validation by unit and add it to the report (takes k more fits).</param>
    public static (string OnnxPath, string ManifestPath, string ReportPath, RulTrainingReport Report) Run(string dataPath, string outputDirectory, string name = "rul-model", RulTrainingOptions? options = null, int crossValidationFolds = 0)
    {
        options ??= new RulTrainingOptions();
        return Train(CmapssReader.ReadTrajectories(dataPath), dataPath, outputDirectory, name, options, crossValidationFolds, null);
    }

    /// <summary>
    /// Trains from run-to-failure history in EdgeTwin's history CSV (see <see cref="HistoryRunReader"/>), averaged into
    /// cycles of <paramref name="cycle"/>; the model takes the properties without the cycle count (the gateway
    /// cannot know an asset's age) and its manifest records the cycle length.
    /// </summary>
    /// <param name="dataPath">The history CSV.</param>
    /// <param name="cycle">Cycle length.</param>
    /// <param name="outputDirectory">Where the files go.</param>
    /// <param name="name">Base name of the files.</param>
    /// <param name="options">Training settings (null for defaults suited to history: window 12, short window 3, cap 90, shortest history 6 cycles).</param>
    /// <param name="crossValidationFolds">When above 1, also cross-validate by run.</param>
    public static (string OnnxPath, string ManifestPath, string ReportPath, RulTrainingReport Report) RunHistory(string dataPath, TimeSpan cycle, string outputDirectory, string name = "rul-model", RulTrainingOptions? options = null, int crossValidationFolds = 0)
    {
        (IReadOnlyList<CmapssUnit> units, IReadOnlyList<string> properties) = HistoryRunReader.Read(dataPath, cycle);
        options = (options ?? HistoryDefaults) with { ValueNames = properties, UseCycle = false };
        return Train(units, dataPath, outputDirectory, name, options, crossValidationFolds, cycle.TotalSeconds);
    }

    /// <summary>Default settings for timed history: shorter windows and cap than for C-MAPSS engines.</summary>
    public static RulTrainingOptions HistoryDefaults { get; } = new()
    {
        Cap = 90,
        Window = 12,
        ShortWindow = 3,
        MinHistory = 6,
        MinTrueRul = 1,
        MaxTrueRul = 120,
        MinDistinctValues = 20,
        Boosting = new Trees.GradientBoostingOptions { Trees = 120, LearningRate = 0.1, MaxDepth = 4 },
    };

    private static (string OnnxPath, string ManifestPath, string ReportPath, RulTrainingReport Report) Train(IReadOnlyList<CmapssUnit> units, string dataPath, string outputDirectory, string name, RulTrainingOptions options, int crossValidationFolds, double? cycleSeconds)
    {
        RulTrainingResult result = RulTrainer.Train(units, options);
        Manifest.ExportedModel export = RulExporter.Export(result.Model, name, result.Report, cycleSeconds: cycleSeconds, minHistory: Math.Min(options.MinHistory, result.Model.Window));
        var windows = units.Where((_, i) => i % 10 == 0)
            .SelectMany(u => new[] { u.Length / 3, u.Length / 2, u.Length }.Select(c => RulModel.BuildWindow(u, Math.Max(1, c), result.Model.ValueColumns, result.Model.Window, result.Model.WithCycle)))
            .ToList();
        RulExportCheck.Verify(result.Model, export, windows);
        (string onnxPath, string manifestPath) = export.Save(outputDirectory, name);
        string reportPath = Path.Combine(outputDirectory, name + ".md");
        string markdown = RulReportWriter.ToMarkdown(result.Report, options, Path.GetFileName(dataPath), export.Onnx.Length);
        if (crossValidationFolds > 1)
        {
            (IReadOnlyList<RulMetrics> folds, RulMetrics pooled) = RulEvaluator.CrossValidate(units, options, crossValidationFolds);
            markdown += RulReportWriter.CrossValidationSection(folds, pooled, crossValidationFolds);
        }

        File.WriteAllText(reportPath, markdown);
        return (onnxPath, manifestPath, reportPath, result.Report);
    }
}
