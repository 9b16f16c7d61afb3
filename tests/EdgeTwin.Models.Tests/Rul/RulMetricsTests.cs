using EdgeTwin.Models.Rul;

namespace EdgeTwin.Models.Tests.Rul;

public sealed class RulMetricsTests
{
    [Fact]
    public void RmseAndNasaScore_MatchHandComputation()
    {
        // d = -2, 0, 5: RMSE = sqrt(29 / 3); score = (e^(2/13) - 1) + 0 + (e^(5/10) - 1).
        RulMetrics m = RulMetrics.Compute([10, 20, 30], [12, 20, 25]);

        Assert.Equal(Math.Sqrt(29.0 / 3), m.Rmse, 12);
        Assert.Equal(Math.Exp(2.0 / 13) - 1 + Math.Exp(0.5) - 1, m.NasaScore, 12);
        Assert.Equal(1, m.MeanError, 12);
    }

    [Fact]
    public void NasaScore_PenalisesLatePredictionsMore()
    {
        Assert.True(RulMetrics.NasaTerm(10) > RulMetrics.NasaTerm(-10));
        Assert.Equal(Math.E - 1, RulMetrics.NasaTerm(10), 12);
        Assert.Equal(Math.Exp(10.0 / 13) - 1, RulMetrics.NasaTerm(-10), 12);
    }

    [Fact]
    public void ErrorModel_GivesProbabilityAndIntervalFromTheNormalModel()
    {
        var errors = new RulErrorModel(Bias: 5, StdIntercept: 10, StdSlope: 0);

        // Predicted 55 with bias 5: true RUL ~ N(50, 10).
        Assert.Equal(0.5, errors.FailureProbability(55, 50), 9);
        Assert.Equal(0.1586553, errors.FailureProbability(55, 40), 6);   // Φ(-1)
        (double lower, double upper) = errors.Interval(55, 0.9);
        Assert.Equal(50 - 16.448536, lower, 5);   // z(0.95) = 1.6448536
        Assert.Equal(50 + 16.448536, upper, 5);
        Assert.Equal(0, errors.Interval(1, 0.9).Lower);
    }

    [Fact]
    public void ErrorModel_FitRecoversBiasAndGrowingSpread()
    {
        var predicted = new List<double>();
        var actual = new List<double>();
        var random = new Random(2);
        for (int i = 0; i < 4000; i++)
        {
            double p = random.NextDouble() * 100;
            predicted.Add(p);
            actual.Add(p - 3 + (2 + 0.1 * p) * Anomaly.SyntheticAsset.Gaussian(random));
        }

        RulErrorModel fit = RulErrorModel.Fit(predicted, actual);

        Assert.Equal(3, fit.Bias, 0);
        Assert.InRange(fit.StdIntercept, 1.5, 2.8);
        Assert.InRange(fit.StdSlope, 0.08, 0.12);
    }
}
