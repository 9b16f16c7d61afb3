using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Evaluation;
using EdgeTwin.Models.Skab;

namespace EdgeTwin.Models.Tests.Skab;

public sealed class SkabEvaluatorTests
{
    private static readonly string Directory = TestData.Path("skab");

    [Fact]
    public void Reader_ParsesExcerptsWithLabels()
    {
        IReadOnlyList<SkabSeries> series = SkabReader.ReadDirectory(Directory);

        Assert.Equal(new[] { "other-3-excerpt.csv", "valve1-10-excerpt.csv" }, series.Select(s => s.Name));
        SkabSeries valve = series[1];
        Assert.Equal(800, valve.Rows.Count);
        Assert.Equal(8, valve.FeatureNames.Count);
        Assert.Equal("Volume Flow RateRMS", valve.FeatureNames[^1]);
        Assert.Equal(227, valve.Anomaly.Count(a => a));
        Assert.Equal(573, valve.Anomaly.ToList().IndexOf(true));
    }

    [Fact]
    public void Evaluate_OnExcerptsIsReproducibleAndFarAboveTrivialDetector()
    {
        SkabReport onnx = SkabEvaluator.EvaluateDirectory(Directory);
        SkabReport reference = SkabEvaluator.EvaluateDirectory(Directory, new SkabEvaluationOptions { UseOnnxRuntime = false });

        // The ONNX pipeline and the C# reference flag exactly the same points.
        Assert.Equal(reference.Files.Select(f => f.Counts), onnx.Files.Select(f => f.Counts));

        // other-3: faults are labelled from row 568; the model first flags row 597 and then stays on, so
        // 29 missed points, 232 - 29 = 203 hits, no false alarm in the 168 normal test rows.
        Assert.Equal(new ConfusionCounts(203, 0, 168, 29), onnx.Files[0].Counts);

        // valve1-10: labelled from row 573; flagged from row 559 on: 14 early (false) alarms, every fault point hit.
        Assert.Equal(new ConfusionCounts(227, 14, 159, 0), onnx.Files[1].Counts);

        ConfusionCounts total = onnx.Total;
        var alwaysAnomalous = new ConfusionCounts(total.TruePositives + total.FalseNegatives, total.FalsePositives + total.TrueNegatives, 0, 0);
        Assert.True(total.F1 > alwaysAnomalous.F1 + 0.15, $"F1 {total.F1} vs trivial {alwaysAnomalous.F1}");
        Assert.True(total.FalseAlarmRate < 15);
    }

    [Theory]
    [InlineData("", 'b')]          // FNV-1a 32-bit test vectors: "" 0x811c9dc5, "a" 0xe40c292c, "b" 0xe70c2de5, "foobar" 0xbf9cf968
    [InlineData("a", 'a')]
    [InlineData("b", 'b')]
    [InlineData("foobar", 'a')]
    public void HalfOf_IsBitZeroOfTheFnv1aHashOfTheName(string name, char half) => Assert.Equal(half, SkabReport.HalfOf(name));

    [Fact]
    public void Reader_NamesFileAndLineOfABadNumber()
    {
        string path = Path.Combine(Path.GetTempPath(), $"skab-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["datetime;a;anomaly;changepoint", "2020-01-01 00:00:00;1.5;0;0", "2020-01-01 00:00:01;x;0;0"]);
        try
        {
            DatasetFormatException ex = Assert.Throws<DatasetFormatException>(() => SkabReader.Read(path));
            Assert.Equal(3, ex.Line);
            Assert.Contains("'a'", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EvaluateSeries_RejectsSeriesShorterThanTraining()
    {
        SkabSeries s = SkabReader.ReadDirectory(Directory)[0];
        var shortSeries = s with { Rows = s.Rows.Take(300).ToList(), Anomaly = s.Anomaly.Take(300).ToList(), Timestamps = s.Timestamps.Take(300).ToList() };
        Assert.Throws<ArgumentException>(() => SkabEvaluator.EvaluateSeries(shortSeries));
    }
}
