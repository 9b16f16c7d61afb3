namespace EdgeTwin.Models.Rul;

/// <summary>RUL accuracy: RMSE and the PHM08 (NASA) asymmetric score, with d = predicted - true.</summary>
/// <param name="Count">Number of predictions.</param>
/// <param name="Rmse">sqrt(mean d²).</param>
/// <param name="NasaScore">Σ (exp(-d/13) - 1 for d &lt; 0; exp(d/10) - 1 for d ≥ 0): late predictions cost more.</param>
/// <param name="MeanError">mean d (positive = late / optimistic).</param>
public readonly record struct RulMetrics(int Count, double Rmse, double NasaScore, double MeanError)
{
    /// <summary>Computes the metrics.</summary>
    public static RulMetrics Compute(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        if (predicted.Count != actual.Count || predicted.Count == 0)
        {
            throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} true values");
        }

        double squares = 0;
        double score = 0;
        double sum = 0;
        for (int i = 0; i < predicted.Count; i++)
        {
            double d = predicted[i] - actual[i];
            squares += d * d;
            sum += d;
            score += NasaTerm(d);
        }

        return new RulMetrics(predicted.Count, Math.Sqrt(squares / predicted.Count), score, sum / predicted.Count);
    }

    /// <summary>One term of the NASA score.</summary>
    public static double NasaTerm(double d) => d < 0 ? Math.Exp(-d / 13) - 1 : Math.Exp(d / 10) - 1;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"RMSE {Rmse:F2}, NASA score {NasaScore:F1}, mean error {MeanError:F2} (n = {Count})");
}
