using EdgeTwin.Models.Anomaly;

namespace EdgeTwin.Models.Tests.Anomaly;

public sealed class WindowFeaturizerTests
{
    [Fact]
    public void Compute_GivesHandCheckedSummaries()
    {
        var fz = new WindowFeaturizer(
            ["a", "b"],
            [0, 0],
            [1, 1],
            [
                new WindowFeature("a", WindowFeatureKind.Mean, 3),
                new WindowFeature("a", WindowFeatureKind.StdDev, 3),
                new WindowFeature("b", WindowFeatureKind.Slope, 3),
                new WindowFeature("b", WindowFeatureKind.Last, 1),
            ],
            positions: 2);
        double[] window = [1, 0, 2, 2, 3, 4, 4, 8];  // rows (a, b): (1,0) (2,2) (3,4) (4,8)
        double[] f = new double[4];

        fz.Compute(window, end: 3, f);

        Assert.Equal(4, fz.InputWindow);
        Assert.Equal(3, f[0], 12);                    // mean of 2, 3, 4
        Assert.Equal(Math.Sqrt(2.0 / 3), f[1], 12);   // population std of 2, 3, 4
        Assert.Equal(3, f[2], 12);                    // least-squares slope of 2, 4, 8 = (8 - 2) / 2
        Assert.Equal(8, f[3], 12);
    }

    [Fact]
    public void Compute_StandardisesRawValuesFirst()
    {
        var fz = new WindowFeaturizer(["a"], [10], [2], [new WindowFeature("a", WindowFeatureKind.Last, 1)], 1);
        double[] f = new double[1];
        fz.Compute([14], 0, f);
        Assert.Equal(2, f[0], 12);
    }

    [Fact]
    public void Constructor_RejectsUnknownPropertiesAndBadWindows()
    {
        Assert.Throws<ArgumentException>(() => new WindowFeaturizer(["a"], [0], [1], [new WindowFeature("b", WindowFeatureKind.Mean, 3)], 1));
        Assert.Throws<ArgumentException>(() => new WindowFeaturizer(["a"], [0], [1], [new WindowFeature("a", WindowFeatureKind.Slope, 1)], 1));
    }

    [Fact]
    public void AutoFeatures_UseSlopeForSmoothPropertiesAndLevelsForNoisyOnes()
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 300).Select(i => new[] { 50 + 0.01 * i, random.NextDouble() }).ToList();
        var options = new AnomalyModelOptions();

        IReadOnlyList<WindowFeature> features = options.AutoFeatures(["temperature", "current"], rows);

        Assert.Equal(
            new[] { "temperature.slope60", "current.mean10", "current.stddev10" },
            features.Select(f => f.Name));
    }
}
