using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Evaluation;

namespace EdgeTwin.Models.Skab;

/// <summary>
/// Runs SKAB's outlier-detection protocol: for every labelled file, learn on the first rows (400), score the rest,
/// and sum the point-wise confusion counts over files (F1, FAR and MAR are computed on the sums).
/// </summary>
public static class SkabEvaluator
{
    /// <summary>Evaluates every labelled CSV under <paramref name="directory"/>.</summary>
    public static SkabReport EvaluateDirectory(string directory, SkabEvaluationOptions? options = null) =>
        Evaluate(SkabReader.ReadDirectory(directory), options);

    /// <summary>Evaluates the given series.</summary>
    public static SkabReport Evaluate(IEnumerable<SkabSeries> series, SkabEvaluationOptions? options = null)
    {
        options ??= new SkabEvaluationOptions();
        return new SkabReport(series.Select(s => EvaluateSeries(s, options)).ToList());
    }

    /// <summary>Learns on the first rows of one series and scores the remaining rows.</summary>
    /// <exception cref="ArgumentException">The series is unlabelled or too short.</exception>
    public static SkabFileResult EvaluateSeries(SkabSeries series, SkabEvaluationOptions? options = null)
    {
        options ??= new SkabEvaluationOptions();
        if (!series.IsLabelled)
        {
            throw new ArgumentException($"{series.Name} has no anomaly labels", nameof(series));
        }

        int train = options.TrainingRows;
        if (series.Rows.Count <= train)
        {
            throw new ArgumentException($"{series.Name}: {series.Rows.Count} rows, need more than the {train} training rows", nameof(series));
        }

        var trainingRows = series.Rows.Take(train).ToList();
        PcaAnomalyModel model = PcaAnomalyTrainer.Fit(series.FeatureNames, trainingRows, options.Model, series.Timestamps[0], series.Timestamps[train - 1]);
        bool[] flags = options.UseOnnxRuntime ? ScoreWithOnnx(model, series, train) : ScoreWithReference(model, series, train);
        var counts = default(ConfusionCounts);
        for (int i = train; i < series.Rows.Count; i++)
        {
            counts = counts.Add(flags[i - train], series.Anomaly[i]);
        }

        return new SkabFileResult(series.Name, counts, model.Pca.ComponentCount, model.Threshold);
    }

    private static bool[] ScoreWithReference(PcaAnomalyModel model, SkabSeries series, int train)
    {
        double[] scores = model.ScoreSeries(series.Rows);
        return scores.Skip(train).Select(s => s > model.Threshold).ToArray();
    }

    private static bool[] ScoreWithOnnx(PcaAnomalyModel model, SkabSeries series, int train)
    {
        using OnnxAnomalyScorer scorer = OnnxAnomalyScorer.Create(PcaAnomalyExporter.Export(model, series.Name));
        int p = model.Properties.Count;
        int w = model.InputWindow;
        float[] window = new float[w * p];
        bool[] flags = new bool[series.Rows.Count - train];
        for (int end = train; end < series.Rows.Count; end++)
        {
            for (int r = 0; r < w; r++)
            {
                double[] row = series.Rows[end - w + 1 + r];
                for (int j = 0; j < p; j++)
                {
                    window[r * p + j] = (float)row[j];
                }
            }

            flags[end - train] = scorer.Score(window).IsAnomalous;
        }

        return flags;
    }
}
