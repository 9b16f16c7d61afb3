namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// A fitted PCA monitoring model on standardised features: z = (x - mean) / std, scores t = Pᵀz over the k retained
/// components, Hotelling T² = Σ t_a² / λ_a, and Q (squared prediction error) = ‖z - P t‖².
/// Per-feature contributions: Q_j = e_j² (they sum to Q) and T²_j = z_j · (P Λ⁻¹ t)_j (they sum to T²).
/// </summary>
public sealed class PcaModel
{
    /// <summary>Creates a model from its parameters (the fitter or a manifest supplies them).</summary>
    /// <param name="mean">Per-feature training mean.</param>
    /// <param name="scale">Per-feature training standard deviation (already floored, never zero).</param>
    /// <param name="loadings">Loadings, row-major [feature, component].</param>
    /// <param name="eigenvalues">Variance of each retained component (all positive).</param>
    /// <param name="residualEigenvalues">Eigenvalues of the discarded components (for the Q limit).</param>
    public PcaModel(double[] mean, double[] scale, double[] loadings, double[] eigenvalues, double[] residualEigenvalues)
    {
        int f = mean.Length;
        if (scale.Length != f)
        {
            throw new ArgumentException($"{scale.Length} scales for {f} features", nameof(scale));
        }

        if (eigenvalues.Length == 0 || eigenvalues.Any(l => !(l > 0)))
        {
            throw new ArgumentException("at least one positive eigenvalue is required", nameof(eigenvalues));
        }

        if (loadings.Length != f * eigenvalues.Length)
        {
            throw new ArgumentException($"{loadings.Length} loadings for {f} features x {eigenvalues.Length} components", nameof(loadings));
        }

        if (scale.Any(s => !(s > 0)))
        {
            throw new ArgumentException("every scale must be positive", nameof(scale));
        }

        Mean = mean;
        Scale = scale;
        Loadings = loadings;
        Eigenvalues = eigenvalues;
        ResidualEigenvalues = residualEigenvalues;
    }

    /// <summary>Number of features.</summary>
    public int FeatureCount => Mean.Length;

    /// <summary>Number of retained components.</summary>
    public int ComponentCount => Eigenvalues.Length;

    /// <summary>Per-feature training mean.</summary>
    public double[] Mean { get; }

    /// <summary>Per-feature standard deviation used for scaling.</summary>
    public double[] Scale { get; }

    /// <summary>Loadings, row-major [feature, component].</summary>
    public double[] Loadings { get; }

    /// <summary>Variances of the retained components.</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Eigenvalues of the discarded components.</summary>
    public double[] ResidualEigenvalues { get; }

    /// <summary>Fraction of the standardised variance the retained components explain.</summary>
    public double ExplainedVariance => Eigenvalues.Sum() / (Eigenvalues.Sum() + ResidualEigenvalues.Sum());

    /// <summary>
    /// Computes T² and Q for one sample, and optionally the per-feature contributions.
    /// </summary>
    /// <param name="x">Raw feature vector.</param>
    /// <param name="qContributions">Receives e_j² (length = features), or empty to skip.</param>
    /// <param name="t2Contributions">Receives z_j (P Λ⁻¹ t)_j (length = features), or empty to skip.</param>
    /// <returns>T² and Q.</returns>
    public (double T2, double Q) Evaluate(ReadOnlySpan<double> x, Span<double> qContributions = default, Span<double> t2Contributions = default)
    {
        int f = FeatureCount;
        int k = ComponentCount;
        if (x.Length != f)
        {
            throw new ArgumentException($"{x.Length} values for {f} features", nameof(x));
        }

        Span<double> z = f <= 256 ? stackalloc double[f] : new double[f];
        Span<double> t = k <= 256 ? stackalloc double[k] : new double[k];
        for (int j = 0; j < f; j++)
        {
            z[j] = (x[j] - Mean[j]) / Scale[j];
        }

        double t2 = 0;
        for (int a = 0; a < k; a++)
        {
            double s = 0;
            for (int j = 0; j < f; j++)
            {
                s += z[j] * Loadings[j * k + a];
            }

            t[a] = s;
            t2 += s * s / Eigenvalues[a];
        }

        double q = 0;
        for (int j = 0; j < f; j++)
        {
            double reconstructed = 0;
            double weighted = 0;
            for (int a = 0; a < k; a++)
            {
                double p = Loadings[j * k + a];
                reconstructed += p * t[a];
                weighted += p * t[a] / Eigenvalues[a];
            }

            double e = z[j] - reconstructed;
            q += e * e;
            if (!qContributions.IsEmpty)
            {
                qContributions[j] = e * e;
            }

            if (!t2Contributions.IsEmpty)
            {
                t2Contributions[j] = z[j] * weighted;
            }
        }

        return (t2, q);
    }
}
