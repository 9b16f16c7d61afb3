using EdgeTwin.Models.Evaluation;

namespace EdgeTwin.Models.Tests.Evaluation;

public sealed class ConfusionCountsTests
{
    [Fact]
    public void Metrics_FollowSkabDefinitionsOnATinyCase()
    {
        bool[] predicted = { true, true, false, false, true, false };
        bool[] actual = { true, false, false, true, true, false };

        ConfusionCounts c = ConfusionCounts.Of(predicted, actual);

        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), c);
        Assert.Equal(2.0 / (2 + (1 + 1) / 2.0), c.F1, 12);  // 0.667
        Assert.Equal(100.0 / 3, c.FalseAlarmRate, 12);        // FP / (FP + TN)
        Assert.Equal(100.0 / 3, c.MissedAlarmRate, 12);       // FN / (FN + TP)
    }

    [Fact]
    public void Sums_AreTakenBeforeTheRatios()
    {
        var a = new ConfusionCounts(10, 0, 10, 0);
        var b = new ConfusionCounts(0, 10, 0, 10);
        ConfusionCounts sum = a + b;
        Assert.Equal(new ConfusionCounts(10, 10, 10, 10), sum);
        Assert.Equal(0.5, sum.F1, 12);
        Assert.Equal(50, sum.FalseAlarmRate, 12);
    }

    [Fact]
    public void NullAndPerfectDetectors_GiveTheLeaderboardExtremes()
    {
        bool[] labels = { false, true, true, false };
        ConfusionCounts none = ConfusionCounts.Of(new bool[4], labels);
        ConfusionCounts perfect = ConfusionCounts.Of(labels, labels);
        Assert.Equal((0.0, 0.0, 100.0), (none.F1, none.FalseAlarmRate, none.MissedAlarmRate));
        Assert.Equal((1.0, 0.0, 0.0), (perfect.F1, perfect.FalseAlarmRate, perfect.MissedAlarmRate));
    }
}
