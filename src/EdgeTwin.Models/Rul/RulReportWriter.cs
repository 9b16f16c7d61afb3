using System.Globalization;
using System.Text;

namespace EdgeTwin.Models.Rul;

/// <summary>Writes a RUL training report as Markdown (committed beside the default model).</summary>
public static class RulReportWriter
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The trainer's report.</param>
    /// <param name="options">The options used.</param>
    /// <param name="source">Training data description (e.g. the file name).</param>
    /// <param name="modelBytes">Size of the ONNX file.</param>
    public static string ToMarkdown(RulTrainingReport report, RulTrainingOptions options, string source, long modelBytes)
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        sb.AppendLine("# RUL model training report").AppendLine();
        sb.AppendLine(c, $"- Training data: {source}, {report.TrainingUnits} run-to-failure units, {report.TrainingRows} windows.");
        sb.AppendLine(c, $"- Target: cycles to failure, capped piecewise-linearly at {options.Cap}.");
        sb.AppendLine(c, $"- Inputs: {report.Sensors.Count} sensors ({string.Join(", ", report.Sensors)}){(options.UseCycle ? " plus the cycle count" : string.Empty)}; quantised-constant sensors{(options.ValueNames is null ? " and the operational settings" : string.Empty)} dropped.");
        sb.AppendLine(c, $"- Window: last {options.Window} cycles (shorter histories padded with their first cycle). Features per sensor: mean of the last {options.ShortWindow}, mean and least-squares slope of the window{(options.UseCycle ? "; plus the cycle count" : string.Empty)} ({report.Features.Count} features).");
        sb.AppendLine(c, $"- Model: {report.Trees} gradient-boosted regression trees ({report.Nodes} nodes, depth {options.Boosting.MaxDepth}, learning rate {options.Boosting.LearningRate}, row/feature subsample {options.Boosting.RowSubsample}/{options.Boosting.FeatureSubsample}, seed {options.Boosting.Seed}), exported as ai.onnx.ml TreeEnsembleRegressor; ONNX file {modelBytes / 1024.0:F0} KiB.");
        sb.AppendLine(c, $"- Training time (validation model + final model): {report.Elapsed.TotalSeconds:F1} s.").AppendLine();
        sb.AppendLine("## Validation (units held out, never seen by the validation model)").AppendLine();
        sb.AppendLine(c, $"{report.ValidationUnits.Count} units held out (ids {string.Join(", ", report.ValidationUnits)}), each evaluated at {options.CutsPerUnit} random truncation points with a true RUL of {options.MinTrueRul}–{options.MaxTrueRul} cycles and at least {options.MinHistory} cycles of history {(options.ValueNames is null ? " (like the official FD001 test set)" : string.Empty)}: {report.ValidationPoints} points.").AppendLine();
        sb.AppendLine("| truth | RMSE | NASA score (sum) | mean error (pred − true) |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine(c, $"| true RUL | {report.Validation.Rmse:F2} | {report.Validation.NasaScore:F1} | {report.Validation.MeanError:F2} |");
        sb.AppendLine(c, $"| true RUL capped at {options.Cap} | {report.ValidationCapped.Rmse:F2} | {report.ValidationCapped.NasaScore:F1} | {report.ValidationCapped.MeanError:F2} |").AppendLine();
        sb.AppendLine("The NASA score is a sum over points and grows with their number; compare it only per point or at equal counts.");
        if (options.ValueNames is null)
        {
            sb.AppendLine("The official test_FD001 / RUL_FD001 files were not available, so no official test figure is given here.");
        }

        return sb.ToString();
    }

    /// <summary>Renders a cross-validation section.</summary>
    public static string CrossValidationSection(IReadOnlyList<RulMetrics> folds, RulMetrics pooled, int k)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine().AppendLine(c, $"## {k}-fold cross-validation by unit").AppendLine();
        sb.AppendLine(c, $"Each fold's units held out, a model fitted on the others, held-out units evaluated at random truncation points as above (true RUL, uncapped).").AppendLine();
        sb.AppendLine("| fold | points | RMSE | NASA score |");
        sb.AppendLine("|---|---|---|---|");
        for (int i = 0; i < folds.Count; i++)
        {
            sb.AppendLine(c, $"| {i + 1} | {folds[i].Count} | {folds[i].Rmse:F2} | {folds[i].NasaScore:F1} |");
        }

        sb.AppendLine(c, $"| pooled | {pooled.Count} | {pooled.Rmse:F2} | {pooled.NasaScore:F1} |");
        return sb.ToString();
    }
}
