namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Options for learning a PCA T² + Q anomaly model. The defaults are the settings tuned on half of the SKAB files
/// and validated on the other half (see the SKAB evaluation report).
/// </summary>
public sealed record AnomalyModelOptions
{
    /// <summary>Explicit features; null chooses them per property with <see cref="AutoFeatures"/>.</summary>
    public IReadOnlyList<WindowFeature>? Features { get; init; }

    /// <summary>Window of the mean and standard-deviation features chosen automatically.</summary>
    public int LevelWindow { get; init; } = 10;

    /// <summary>Window of the slope feature chosen automatically for smooth (slow) properties.</summary>
    public int SlopeWindow { get; init; } = 60;

    /// <summary>
    /// A property whose first-difference standard deviation is below this fraction of its own standard deviation
    /// in the training data is a slow state (e.g. a temperature): it is represented by its slope, not its level,
    /// because its level lags behind faults and recovers slowly after them.
    /// </summary>
    public double SmoothnessRatio { get; init; } = 0.5;

    /// <summary>Keep the fewest principal components explaining at least this fraction of the variance.</summary>
    public double ExplainedVariance { get; init; } = 0.9;

    /// <summary>Consecutive positions whose statistic is averaged into the score (1 = no smoothing).</summary>
    public int SmoothingPositions { get; init; } = 30;

    /// <summary>
    /// Floor on each feature's scale, in multiples of that feature's standard deviation under unit white noise
    /// (0 = off). It keeps a window that happened to be very quiet in training from making the model hypersensitive.
    /// </summary>
    public double NoiseFloor { get; init; }

    /// <summary>How T² and Q are combined.</summary>
    public StatisticCombination Combination { get; init; } = StatisticCombination.Max;

    /// <summary>Training quantile used as the T² and Q limits that normalise the statistics.</summary>
    public double LimitQuantile { get; init; } = 0.99;

    /// <summary>Training quantile of the score that, times <see cref="ThresholdFactor"/>, is the alarm threshold.</summary>
    public double ThresholdQuantile { get; init; } = 1.0;

    /// <summary>Safety factor applied to the training score quantile.</summary>
    public double ThresholdFactor { get; init; } = 10;

    /// <summary>Chooses features automatically: slope for smooth properties, mean and standard deviation for the rest.</summary>
    public IReadOnlyList<WindowFeature> AutoFeatures(IReadOnlyList<string> properties, IReadOnlyList<double[]> rows)
    {
        var features = new List<WindowFeature>();
        for (int j = 0; j < properties.Count; j++)
        {
            if (IsSmooth(rows, j))
            {
                features.Add(new WindowFeature(properties[j], WindowFeatureKind.Slope, SlopeWindow));
            }
            else
            {
                features.Add(new WindowFeature(properties[j], WindowFeatureKind.Mean, LevelWindow));
                features.Add(new WindowFeature(properties[j], WindowFeatureKind.StdDev, LevelWindow));
            }
        }

        return features;
    }

    private bool IsSmooth(IReadOnlyList<double[]> rows, int j)
    {
        double mean = 0;
        foreach (double[] r in rows)
        {
            mean += r[j];
        }

        mean /= rows.Count;
        double variance = 0;
        double diffVariance = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double d = rows[i][j] - mean;
            variance += d * d;
            if (i > 0)
            {
                double step = rows[i][j] - rows[i - 1][j];
                diffVariance += step * step;
            }
        }

        if (variance <= 0)
        {
            return false;
        }

        double ratio = Math.Sqrt(diffVariance / Math.Max(1, rows.Count - 1)) / Math.Sqrt(variance / rows.Count);
        return ratio < SmoothnessRatio;
    }
}
