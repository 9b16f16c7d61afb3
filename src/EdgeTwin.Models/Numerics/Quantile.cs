namespace EdgeTwin.Models.Numerics;

/// <summary>Empirical quantiles with linear interpolation between order statistics (type 7, as numpy's default).</summary>
public static class Quantile
{
    /// <summary>The <paramref name="q"/> quantile of <paramref name="values"/> (NaNs ignored).</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "must be in [0, 1]");
        }

        double[] sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        Array.Sort(sorted);
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
