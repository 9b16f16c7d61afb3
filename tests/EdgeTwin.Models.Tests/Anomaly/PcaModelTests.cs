using EdgeTwin.Models.Anomaly;

namespace EdgeTwin.Models.Tests.Anomaly;

public sealed class PcaModelTests
{
    // Four points: (2,2), (-2,-2), (1,-1), (-1,1). Means 0, sample variances 10/3, covariance 2,
    // correlation 0.6: eigenvalues 1.6 and 0.4 with eigenvectors (1,1)/√2 and (1,-1)/√2.
    private static readonly double[][] Rows = [[2, 2], [-2, -2], [1, -1], [-1, 1]];

    [Fact]
    public void Fit_RecoversHandComputedCorrelationEigenstructure()
    {
        PcaModel pca = PcaFitter.Fit(Rows, explainedVariance: 0.8);

        Assert.Equal(new[] { 0.0, 0.0 }, pca.Mean);
        Assert.Equal(Math.Sqrt(10.0 / 3), pca.Scale[0], 12);
        Assert.Equal(1, pca.ComponentCount);
        Assert.Equal(1.6, pca.Eigenvalues[0], 12);
        Assert.Equal(0.4, pca.ResidualEigenvalues[0], 12);
        Assert.Equal(0.8, pca.ExplainedVariance, 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(pca.Loadings[0]), 12);
        Assert.Equal(pca.Loadings[0], pca.Loadings[1], 12);
    }

    [Fact]
    public void Evaluate_GivesHandComputedT2QAndContributions()
    {
        PcaModel pca = PcaFitter.Fit(Rows, explainedVariance: 0.8);
        double[] q = new double[2];
        double[] t2 = new double[2];

        // x = (s, 0) standardises to z = (1, 0): t = 1/√2, T² = 0.5 / 1.6 = 0.3125,
        // reconstruction (0.5, 0.5), residual (0.5, -0.5), Q = 0.5.
        (double T2, double Q) r = pca.Evaluate([Math.Sqrt(10.0 / 3), 0], q, t2);

        Assert.Equal(0.3125, r.T2, 12);
        Assert.Equal(0.5, r.Q, 12);
        Assert.Equal(new[] { 0.25, 0.25 }, q.Select(v => Math.Round(v, 12)));
        Assert.Equal(0.3125, t2[0], 12);
        Assert.Equal(0, t2[1], 12);
    }

    [Fact]
    public void Evaluate_OnTheModelSubspaceHasNoResidual()
    {
        PcaModel pca = PcaFitter.Fit(Rows, explainedVariance: 0.8);
        (double t2, double q) = pca.Evaluate([2, 2]);
        double z = 2 / Math.Sqrt(10.0 / 3);
        Assert.Equal(0, q, 12);
        Assert.Equal(2 * z * z / 1.6, t2, 12);  // t = z√2, T² = t²/1.6
    }

    [Fact]
    public void Fit_RejectsTooFewRows()
    {
        Assert.Throws<ArgumentException>(() => PcaFitter.Fit([[1.0, 2.0]]));
    }
}
