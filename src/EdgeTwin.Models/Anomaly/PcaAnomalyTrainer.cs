using EdgeTwin.Models.Numerics;

namespace EdgeTwin.Models.Anomaly;

/// <summary>Learns a <see cref="PcaAnomalyModel"/> from an asset's normal data (commissioning or a learn command).</summary>
public static class PcaAnomalyTrainer
{
    /// <summary>Fits the model.</summary>
    /// <param name="properties">Input property names, in column order.</param>
    /// <param name="rows">Training samples (normal operation), oldest first.</param>
    /// <param name="options">Options (null for the defaults).</param>
    /// <param name="trainingStart">Time of the first sample, recorded in the fit statistics.</param>
    /// <param name="trainingEnd">Time of the last sample.</param>
    /// <exception cref="ArgumentException">Too few rows for the windows and features, or rows of the wrong width.</exception>
    public static PcaAnomalyModel Fit(IReadOnlyList<string> properties, IReadOnlyList<double[]> rows, AnomalyModelOptions? options = null, DateTimeOffset? trainingStart = null, DateTimeOffset? trainingEnd = null)
    {
        options ??= new AnomalyModelOptions();
        int p = properties.Count;
        if (p == 0)
        {
            throw new ArgumentException("at least one property is required", nameof(properties));
        }

        foreach (double[] row in rows)
        {
            if (row.Length != p)
            {
                throw new ArgumentException($"row of {row.Length} values for {p} properties", nameof(rows));
            }
        }

        (double[] mean, double[] scale) = RawStatistics(rows, p);
        IReadOnlyList<WindowFeature> features = options.Features ?? options.AutoFeatures(properties, rows);
        var featurizer = new WindowFeaturizer(properties, mean, scale, features, options.SmoothingPositions);
        int minRows = featurizer.InputWindow + 2 * features.Count;
        if (rows.Count < minRows)
        {
            throw new ArgumentException($"{rows.Count} training rows; at least {minRows} are needed for a {featurizer.InputWindow}-sample window and {features.Count} features", nameof(rows));
        }

        List<double[]> featureRows = featurizer.ComputeSeries(rows);
        double[]? floors = options.NoiseFloor > 0 ? features.Select(f => options.NoiseFloor * WhiteNoiseStd(f)).ToArray() : null;
        PcaModel pca = PcaFitter.Fit(featureRows, options.ExplainedVariance, scaleFloors: floors);
        double[] t2 = new double[featureRows.Count];
        double[] q = new double[featureRows.Count];
        for (int i = 0; i < featureRows.Count; i++)
        {
            (t2[i], q[i]) = pca.Evaluate(featureRows[i]);
        }

        double t2Limit = Math.Max(Quantile.Of(t2, options.LimitQuantile), 1e-9);
        double qLimit = Math.Max(Quantile.Of(q, options.LimitQuantile), 1e-9);
        var provisional = new PcaAnomalyModel(featurizer, pca, t2Limit, qLimit, options.Combination, 1, Empty);
        int positions = featurizer.Positions;
        var scores = new List<double>();
        for (int end = positions - 1; end < featureRows.Count; end++)
        {
            double s = 0;
            for (int l = end - positions + 1; l <= end; l++)
            {
                s += provisional.Combine(t2[l], q[l]);
            }

            scores.Add(s / positions);
        }

        double atQuantile = Quantile.Of(scores, options.ThresholdQuantile);
        double threshold = Math.Max(atQuantile * options.ThresholdFactor, 1e-9);
        var statistics = new AnomalyFitStatistics(rows.Count, featureRows.Count, pca.ComponentCount, pca.ExplainedVariance, t2Limit, qLimit, atQuantile, scores.Average(), trainingStart, trainingEnd);
        return new PcaAnomalyModel(featurizer, pca, t2Limit, qLimit, options.Combination, threshold, statistics);
    }

    /// <summary>Standard deviation of a feature when its standardised property is unit white noise.</summary>
    internal static double WhiteNoiseStd(WindowFeature f) => f.Kind switch
    {
        WindowFeatureKind.Last => 1,
        WindowFeatureKind.Mean => 1 / Math.Sqrt(f.Window),
        WindowFeatureKind.StdDev => 1 / Math.Sqrt(2.0 * f.Window),
        _ => Math.Sqrt(12.0 / (f.Window * ((double)f.Window * f.Window - 1))),
    };

    private static readonly AnomalyFitStatistics Empty = new(0, 0, 0, 0, 0, 0, 0, 0, null, null);

    private static (double[] Mean, double[] Scale) RawStatistics(IReadOnlyList<double[]> rows, int p)
    {
        double[] mean = new double[p];
        double[] scale = new double[p];
        foreach (double[] r in rows)
        {
            for (int j = 0; j < p; j++)
            {
                mean[j] += r[j];
            }
        }

        for (int j = 0; j < p; j++)
        {
            mean[j] /= Math.Max(1, rows.Count);
        }

        foreach (double[] r in rows)
        {
            for (int j = 0; j < p; j++)
            {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }

        for (int j = 0; j < p; j++)
        {
            scale[j] = Math.Max(Math.Sqrt(scale[j] / Math.Max(1, rows.Count - 1)), Math.Max(1e-6, 1e-3 * Math.Abs(mean[j])));
        }

        return (mean, scale);
    }
}
