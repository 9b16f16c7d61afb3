namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Turns a window of raw samples into feature rows. The raw samples are first standardised per property
/// (training mean and standard deviation); each feature is then a linear summary (mean, slope, last) of one
/// property over its window, or a standard deviation computed from the mean of squares. Features are evaluated
/// at <see cref="Positions"/> consecutive end points so the model can average its statistic over them.
/// The same definitions are exported to ONNX as constant weight matrices.
/// </summary>
public sealed class WindowFeaturizer
{
    /// <summary>Creates a featurizer.</summary>
    /// <param name="properties">Raw input property names, in input order.</param>
    /// <param name="rawMean">Per-property training mean.</param>
    /// <param name="rawScale">Per-property training standard deviation (positive).</param>
    /// <param name="features">Feature definitions.</param>
    /// <param name="positions">Number of consecutive end points evaluated (statistic smoothing length, at least 1).</param>
    public WindowFeaturizer(IReadOnlyList<string> properties, double[] rawMean, double[] rawScale, IReadOnlyList<WindowFeature> features, int positions)
    {
        if (properties.Count == 0 || rawMean.Length != properties.Count || rawScale.Length != properties.Count)
        {
            throw new ArgumentException("properties, mean and scale must have the same non-zero length", nameof(properties));
        }

        if (features.Count == 0)
        {
            throw new ArgumentException("at least one feature is required", nameof(features));
        }

        if (positions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(positions), positions, "must be at least 1");
        }

        PropertyIndex = new int[features.Count];
        for (int i = 0; i < features.Count; i++)
        {
            WindowFeature f = features[i];
            int index = IndexOf(properties, f.Property);
            if (index < 0)
            {
                throw new ArgumentException($"feature '{f.Name}' refers to unknown property '{f.Property}'", nameof(features));
            }

            int min = f.Kind is WindowFeatureKind.StdDev or WindowFeatureKind.Slope ? 2 : 1;
            if (f.Window < min || (f.Kind == WindowFeatureKind.Last && f.Window != 1))
            {
                throw new ArgumentException($"feature '{f.Name}': window {f.Window} is invalid for {f.Kind}", nameof(features));
            }

            PropertyIndex[i] = index;
        }

        Properties = properties;
        // Rounded to float32 so the exported graph (float32 arithmetic) subtracts exactly the same mean:
        // x - mean is then exact in float32 for inputs near the mean, even for large offsets (2388 ± 0.07).
        RawMean = rawMean.Select(v => (double)(float)v).ToArray();
        RawScale = rawScale.Select(v => (double)(float)v).ToArray();
        Features = features;
        Positions = positions;
        MaxFeatureWindow = features.Max(f => f.Window);
    }

    /// <summary>Raw input property names.</summary>
    public IReadOnlyList<string> Properties { get; }

    /// <summary>Per-property training mean applied before summarising.</summary>
    public double[] RawMean { get; }

    /// <summary>Per-property training standard deviation applied before summarising.</summary>
    public double[] RawScale { get; }

    /// <summary>Feature definitions.</summary>
    public IReadOnlyList<WindowFeature> Features { get; }

    /// <summary>For each feature, the index of its property.</summary>
    public int[] PropertyIndex { get; }

    /// <summary>Number of consecutive end points evaluated.</summary>
    public int Positions { get; }

    /// <summary>Longest feature window.</summary>
    public int MaxFeatureWindow { get; }

    /// <summary>Raw samples the model needs: the longest feature window plus the extra positions.</summary>
    public int InputWindow => MaxFeatureWindow + Positions - 1;

    /// <summary>
    /// Computes features for the feature row ending at <paramref name="end"/> in a raw sample window.
    /// </summary>
    /// <param name="window">Raw samples, row-major [rows, properties], oldest first.</param>
    /// <param name="end">Index of the last row the feature row summarises.</param>
    /// <param name="destination">Receives one value per feature.</param>
    public void Compute(ReadOnlySpan<double> window, int end, Span<double> destination)
    {
        int p = Properties.Count;
        if (end + 1 < MaxFeatureWindow || (end + 1) * p > window.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"needs {MaxFeatureWindow} rows ending at {end} in a window of {window.Length / p} rows");
        }

        for (int i = 0; i < Features.Count; i++)
        {
            WindowFeature f = Features[i];
            int j = PropertyIndex[i];
            int start = end - f.Window + 1;
            double value;
            switch (f.Kind)
            {
                case WindowFeatureKind.Last:
                    value = Standard(window[end * p + j], j);
                    break;
                case WindowFeatureKind.Mean:
                {
                    double s = 0;
                    for (int r = start; r <= end; r++)
                    {
                        s += Standard(window[r * p + j], j);
                    }

                    value = s / f.Window;
                    break;
                }

                case WindowFeatureKind.StdDev:
                {
                    double s = 0;
                    double s2 = 0;
                    for (int r = start; r <= end; r++)
                    {
                        double v = Standard(window[r * p + j], j);
                        s += v;
                        s2 += v * v;
                    }

                    double m = s / f.Window;
                    value = Math.Sqrt(Math.Max(s2 / f.Window - m * m, 0));
                    break;
                }

                default:
                {
                    double s = 0;
                    for (int r = start; r <= end; r++)
                    {
                        s += SlopeWeight(f.Window, r - start) * Standard(window[r * p + j], j);
                    }

                    value = s;
                    break;
                }
            }

            destination[i] = value;
        }
    }

    /// <summary>
    /// Computes every complete feature row of a series (rows MaxFeatureWindow-1 .. end), for training.
    /// </summary>
    public List<double[]> ComputeSeries(IReadOnlyList<double[]> rows)
    {
        int p = Properties.Count;
        double[] flat = new double[rows.Count * p];
        for (int r = 0; r < rows.Count; r++)
        {
            rows[r].AsSpan(0, p).CopyTo(flat.AsSpan(r * p));
        }

        var result = new List<double[]>(Math.Max(0, rows.Count - MaxFeatureWindow + 1));
        for (int end = MaxFeatureWindow - 1; end < rows.Count; end++)
        {
            double[] f = new double[Features.Count];
            Compute(flat, end, f);
            result.Add(f);
        }

        return result;
    }

    /// <summary>The weight of sample <paramref name="r"/> (0 = oldest) in a least-squares slope over <paramref name="window"/> samples.</summary>
    public static double SlopeWeight(int window, int r)
    {
        double centre = (window - 1) / 2.0;
        double denominator = window * ((double)window * window - 1) / 12.0;
        return (r - centre) / denominator;
    }

    private double Standard(double x, int j) => (x - RawMean[j]) / RawScale[j];

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
