using EdgeTwin.Models.Dynamics;
using EdgeTwin.Models.Tests.Anomaly;

namespace EdgeTwin.Models.Tests.Dynamics;

public sealed class OnlineArxTests
{
    // y(t) = 0.8 y(t-1) - 0.1 y(t-2) + 0.5 u(t-1) + 0.2 u(t-2) + 1
    private static readonly double[] TrueCoefficients = [0.8, -0.1, 0.5, 0.2, 1.0];

    [Fact]
    public void Rls_RecoversKnownCoefficientsFromNoiseFreeData()
    {
        var arx = new OnlineArx(["y"], ["u"], new ArxOptions { OutputOrder = 2, InputOrder = 2, Delay = 1, Forgetting = 1, InitialCovariance = 1e6 });
        foreach ((double y, double u) in Siso(500, noise: 0, seed: 1))
        {
            arx.Update([y], [u]);
        }

        for (int i = 0; i < TrueCoefficients.Length; i++)
        {
            Assert.Equal(TrueCoefficients[i], arx.Coefficient(0, i), 6);
        }

        Assert.Equal(new[] { "y[t-1]", "y[t-2]", "u[t-1]", "u[t-2]", "1" }, Enumerable.Range(0, 5).Select(arx.RegressorName));
        ArxFitQuality q = arx.Quality()[0];
        Assert.True(q.R2 > 0.999999 && q.Nrmse < 1e-3, q.ToString());
    }

    [Fact]
    public void Rls_RecoversCoefficientsFromNoisyDataWithForgetting()
    {
        var arx = new OnlineArx(["y"], ["u"], new ArxOptions { Forgetting = 0.999 });
        foreach ((double y, double u) in Siso(5000, noise: 0.05, seed: 2))
        {
            arx.Update([y], [u]);
        }

        for (int i = 0; i < TrueCoefficients.Length; i++)
        {
            Assert.True(Math.Abs(TrueCoefficients[i] - arx.Coefficient(0, i)) < 0.05, $"coefficient {i}: {arx.Coefficient(0, i)} vs {TrueCoefficients[i]}");
        }

        ArxFitQuality q = arx.Quality()[0];
        Assert.Equal(360, q.Samples);
        Assert.InRange(q.Rmse, 0.04, 0.07);   // one-step errors are about the noise level
        Assert.True(q.R2 > 0.9, q.ToString());
    }

    [Fact]
    public void Rls_TracksACoefficientChangeThanksToForgetting()
    {
        var arx = new OnlineArx(["y"], ["u"], new ArxOptions { OutputOrder = 1, InputOrder = 1, Forgetting = 0.98 });
        var random = new Random(3);
        double y = 0;
        for (int t = 0; t < 2000; t++)
        {
            double gain = t < 1000 ? 0.5 : 1.5;
            double u = random.NextDouble();
            arx.Update([y], [u]);
            y = 0.7 * y + gain * u;
        }

        Assert.Equal(1.5, arx.Coefficient(0, 1), 3);
    }

    [Fact]
    public void Simulate_ReproducesTheTrueSystemUnderInputOverrides()
    {
        var arx = new OnlineArx(["y"], ["u"], new ArxOptions { Forgetting = 1, InitialCovariance = 1e6 });
        var history = Siso(400, noise: 0, seed: 4).ToList();
        foreach ((double y, double u) in history)
        {
            arx.Update([y], [u]);
        }

        ArxModel model = arx.Snapshot();
        const int horizon = 720;   // 2 h at 10 s
        double[] future = Enumerable.Range(0, horizon).Select(k => k < 360 ? 1.0 : 2.0).ToArray();
        double[] simulated = model.Simulate(future, horizon);

        // Roll the true system forward from the same history with the same inputs.
        double y1 = history[^1].Y;
        double y2 = history[^2].Y;
        double u1 = history[^1].U;
        double u2 = history[^2].U;
        for (int k = 0; k < horizon; k++)
        {
            double next = 0.8 * y1 - 0.1 * y2 + 0.5 * u1 + 0.2 * u2 + 1;
            Assert.Equal(next, simulated[k], 4);   // P0 = 1e6 regularises the estimate by ~1e-6
            (y2, y1, u2, u1) = (y1, next, u1, future[k]);
        }

        // Steady state for u = 2: y = (0.7 u + 1) / (1 - 0.8 + 0.1) = 2.4 / 0.3 = 8.
        Assert.Equal(8, simulated[^1], 4);
    }

    [Fact]
    public void Mimo_CoupledOutputsAndZeroDelayAreIdentified()
    {
        // Two coupled states, two inputs, y depends on u(t) (delay 0):
        // a(t) = 0.6 a(t-1) + 0.2 b(t-1) + 1.0 p(t); b(t) = 0.1 a(t-1) + 0.7 b(t-1) - 0.5 q(t) + 2.
        var arx = new OnlineArx(["a", "b"], ["p", "q"], new ArxOptions { OutputOrder = 1, InputOrder = 1, Delay = 0, Forgetting = 1, InitialCovariance = 1e6 });
        var random = new Random(5);
        double a = 0;
        double b = 0;
        for (int t = 0; t < 400; t++)
        {
            double p = random.NextDouble();
            double q = random.NextDouble();
            (a, b) = (0.6 * a + 0.2 * b + 1.0 * p, 0.1 * a + 0.7 * b - 0.5 * q + 2);
            arx.Update([a, b], [p, q]);
        }

        // Regressors: a[t-1], b[t-1], p[t], q[t], 1.
        Assert.Equal(new[] { "a[t-1]", "b[t-1]", "p[t]", "q[t]", "1" }, Enumerable.Range(0, 5).Select(arx.RegressorName));
        double[] expectedA = [0.6, 0.2, 1.0, 0, 0];
        double[] expectedB = [0.1, 0.7, 0, -0.5, 2];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expectedA[i], arx.Coefficient(0, i), 5);
            Assert.Equal(expectedB[i], arx.Coefficient(1, i), 5);
        }

        double[] trajectory = arx.Snapshot().Simulate([1.0, 0.0], 1);
        Assert.Equal(0.6 * a + 0.2 * b + 1.0, trajectory[0], 5);
        Assert.Equal(0.1 * a + 0.7 * b + 2, trajectory[1], 5);
    }

    [Fact]
    public void Snapshot_BeforeEnoughHistoryIsRefusedAndShapesAreChecked()
    {
        var arx = new OnlineArx(["y"], ["u"]);
        arx.Update([1], [1]);
        Assert.False(arx.IsReady);
        Assert.Throws<InvalidOperationException>(() => arx.Snapshot());
        Assert.Throws<ArgumentException>(() => arx.Update([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => new OnlineArx(["y"], ["u"], new ArxOptions { Forgetting = 1.5 }));
        foreach ((double y, double u) in Siso(10, 0, 6))
        {
            arx.Update([y], [u]);
        }

        Assert.Throws<ArgumentException>(() => arx.Snapshot().Simulate(new double[3], new double[2]));
    }

    private static IEnumerable<(double Y, double U)> Siso(int samples, double noise, int seed)
    {
        var random = new Random(seed);
        double y1 = 0;
        double y2 = 0;
        double u1 = 0;
        double u2 = 0;
        for (int t = 0; t < samples; t++)
        {
            double y = 0.8 * y1 - 0.1 * y2 + 0.5 * u1 + 0.2 * u2 + 1 + noise * SyntheticAsset.Gaussian(random);
            double u = random.NextDouble() * 2 - 1;
            yield return (y, u);
            (y2, y1, u2, u1) = (y1, y, u1, u);
        }
    }
}
