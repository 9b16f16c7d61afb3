namespace EdgeTwin.Models.Evaluation;

/// <summary>
/// Point-wise confusion counts summed over series, with SKAB's outlier metrics:
/// F1 = TP / (TP + (FN + FP) / 2), FAR = FP / (FP + TN) · 100, MAR = FN / (FN + TP) · 100.
/// </summary>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>Number of points counted.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>F1 score (0 when there is nothing to detect and nothing detected).</summary>
    public double F1
    {
        get
        {
            double denominator = TruePositives + (FalseNegatives + FalsePositives) / 2.0;
            return denominator == 0 ? 0 : TruePositives / denominator;
        }
    }

    /// <summary>False-alarm rate in percent.</summary>
    public double FalseAlarmRate => FalsePositives + TrueNegatives == 0 ? 0 : 100.0 * FalsePositives / (FalsePositives + TrueNegatives);

    /// <summary>Missed-alarm rate in percent.</summary>
    public double MissedAlarmRate => FalseNegatives + TruePositives == 0 ? 0 : 100.0 * FalseNegatives / (FalseNegatives + TruePositives);

    /// <summary>Counts one prediction against its label.</summary>
    public ConfusionCounts Add(bool predicted, bool actual) => (predicted, actual) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalsePositives = FalsePositives + 1 },
        (false, false) => this with { TrueNegatives = TrueNegatives + 1 },
        _ => this with { FalseNegatives = FalseNegatives + 1 },
    };

    /// <summary>Sums two sets of counts (SKAB sums counts over all test series before computing the metrics).</summary>
    public static ConfusionCounts operator +(ConfusionCounts a, ConfusionCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.TrueNegatives + b.TrueNegatives, a.FalseNegatives + b.FalseNegatives);

    /// <summary>Counts a whole series of predictions against labels.</summary>
    public static ConfusionCounts Of(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {actual.Length} labels", nameof(predicted));
        }

        var c = default(ConfusionCounts);
        for (int i = 0; i < predicted.Length; i++)
        {
            c = c.Add(predicted[i], actual[i]);
        }

        return c;
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"F1 {F1:F3}, FAR {FalseAlarmRate:F2} %, MAR {MissedAlarmRate:F2} % (TP {TruePositives}, FP {FalsePositives}, TN {TrueNegatives}, FN {FalseNegatives})");
}
