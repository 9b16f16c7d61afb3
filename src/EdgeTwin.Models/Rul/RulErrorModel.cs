using MathNet.Numerics.Distributions;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Error model of a RUL regressor fitted on held-out predictions: true RUL ~ Normal(predicted - bias, σ),
/// with σ = intercept + slope · predicted (errors grow with the distance to failure).
/// </summary>
/// <param name="Bias">Mean of predicted - true.</param>
/// <param name="StdIntercept">σ at predicted RUL 0 (positive).</param>
/// <param name="StdSlope">Growth of σ per unit of predicted RUL (non-negative).</param>
public sealed record RulErrorModel(double Bias, double StdIntercept, double StdSlope)
{
    /// <summary>σ at a predicted RUL.</summary>
    public double Std(double predicted) => StdIntercept + StdSlope * Math.Max(0, predicted);

    /// <summary>P(true RUL ≤ horizon) given the prediction.</summary>
    public double FailureProbability(double predicted, double horizon) =>
        Normal.CDF(predicted - Bias, Std(predicted), horizon);

    /// <summary>Central interval of the true RUL with the given coverage (e.g. 0.9), clamped at 0.</summary>
    public (double Lower, double Upper) Interval(double predicted, double coverage = 0.9)
    {
        double z = Normal.InvCDF(0, 1, 0.5 + coverage / 2);
        double mean = predicted - Bias;
        double s = Std(predicted);
        return (Math.Max(0, mean - z * s), Math.Max(0, mean + z * s));
    }

    /// <summary>Fits the model to (predicted, true) pairs by least squares on |residual|·√(π/2).</summary>
    public static RulErrorModel Fit(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        int n = predicted.Count;
        if (n < 3 || actual.Count != n)
        {
            throw new ArgumentException($"need at least 3 pairs, got {n} predictions and {actual.Count} true values");
        }

        double bias = 0;
        for (int i = 0; i < n; i++)
        {
            bias += predicted[i] - actual[i];
        }

        bias /= n;
        // E|e| = σ·√(2/π) for a normal error, so |e|·√(π/2) estimates σ point by point.
        double scale = Math.Sqrt(Math.PI / 2);
        double mx = predicted.Average();
        double my = 0;
        double[] s = new double[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = Math.Abs(predicted[i] - actual[i] - bias) * scale;
            my += s[i];
        }

        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (predicted[i] - mx) * (s[i] - my);
            sxx += (predicted[i] - mx) * (predicted[i] - mx);
        }

        double slope = sxx > 0 ? Math.Max(0, sxy / sxx) : 0;
        double intercept = Math.Max(1.0, my - slope * mx);
        return new RulErrorModel(bias, intercept, slope);
    }
}
