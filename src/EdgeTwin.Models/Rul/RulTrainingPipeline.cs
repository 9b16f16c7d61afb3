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
        IReadOnlyList<CmapssUnit> units = CmapssReader.ReadTrajectories(dataPath);
        RulTrainingResult result = RulTrainer.Train(units, options);
        Manifest.ExportedModel export = RulExporter.Export(result.Model, name, result.Report);
        var windows = units.Where((_, i) => i % 10 == 0)
            .SelectMany(u => new[] { u.Length / 3, u.Length / 2, u.Length }.Select(c => RulModel.BuildWindow(u, Math.Max(1, c), result.Model.ValueColumns, result.Model.Window)))
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
