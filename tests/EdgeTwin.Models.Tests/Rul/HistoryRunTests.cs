using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Rul;
using EdgeTwin.Models.Trees;

namespace EdgeTwin.Models.Tests.Rul;

public sealed class HistoryRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgetwin-history-" + Guid.NewGuid().ToString("N"));

    public HistoryRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "runs.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Samples_are_averaged_into_cycles_per_run_and_a_gap_keeps_the_last_level()
    {
        // Cycles of 10 s. Run a: cycle 1 = t 0, 5 (v 1 and 3, p 10 and empty), cycle 2 = t 12 (v 5, p empty: keeps 10),
        // cycle 4 = t 31 (cycle 3 had no sample and is left out). Run b: ISO timestamps, one cycle.
        var path = Write("""
            run,time,v,p
            a,0,1,10
            a,5,3,
            a,12,5,
            a,31,7,20
            b,2026-11-23T10:00:00Z,2,4
            b,2026-11-23T10:00:09Z,4,6
            """);
        var (units, properties) = HistoryRunReader.Read(path, TimeSpan.FromSeconds(10));

        Assert.Equal(["v", "p"], properties);
        Assert.Equal(2, units.Count);
        Assert.Equal([1, 2, 4], units[0].Cycles);
        Assert.Equal([2.0, 10.0], units[0].Values[0]);
        Assert.Equal([5.0, 10.0], units[0].Values[1]);
        Assert.Equal([7.0, 20.0], units[0].Values[2]);
        Assert.Equal([1], units[1].Cycles);
        Assert.Equal([3.0, 5.0], units[1].Values[0]);
    }

    [Theory]
    [InlineData("unit,cycle,v\n", 1, "header must be run,time,property")]
    [InlineData("run,time,v\na,0,1\na,5,x\n", 3, "column v: bad number 'x'")]
    [InlineData("run,time,v\na,5,1\na,4,1\n", 3, "run 'a': time goes backwards")]
    [InlineData("run,time,v\na,0,1\nb,0,1\na,9,1\n", 4, "run 'a' appears again")]
    [InlineData("run,time,v\na,yesterday,1\n", 2, "time 'yesterday' is neither seconds nor an ISO-8601 timestamp")]
    [InlineData("run,time,v\na,0,1,2\n", 2, "4 fields, the header has 3")]
    public void Malformed_history_names_the_line(string text, int line, string message)
    {
        var path = Write(text);
        var ex = Assert.Throws<DatasetFormatException>(() => HistoryRunReader.Read(path, TimeSpan.FromSeconds(10)));
        Assert.Contains($"{path}:{line}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_trained_on_history_takes_the_properties_only_records_its_cycle_and_sees_the_end_coming()
    {
        // Ten runs whose level rises quadratically to failure after 60..96 cycles of 5 s (two samples each), with noise.
        var random = new Random(3);
        var csv = new System.Text.StringBuilder("run,time,level,steady\n");
        for (var r = 0; r < 10; r++)
        {
            var cycles = 60 + 4 * r;
            for (var k = 0; k < cycles * 2; k++)
            {
                var life = k / (2.0 * cycles);
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"r{r},{k * 2.5},{10 * life * life + random.NextDouble() * 0.2},{random.NextDouble()}\n");
            }
        }

        var path = Write(csv.ToString());
        var options = RulTrainingPipeline.HistoryDefaults with { Cap = 40, Boosting = new GradientBoostingOptions { Trees = 40, LearningRate = 0.2, MaxDepth = 3, MinLeafRows = 10 } };
        var (onnx, manifestPath, report, _) = RulTrainingPipeline.RunHistory(path, TimeSpan.FromSeconds(5), Path.Combine(_dir, "out"), "hist", options);

        var manifest = ModelManifest.Load(manifestPath);
        Assert.Equal(["level", "steady"], manifest.Input.Properties);
        Assert.Equal(5, manifest.Rul!.CycleSeconds);
        Assert.Equal(6, manifest.Rul.MinHistory);
        Assert.DoesNotContain("cycle count", File.ReadAllText(report), StringComparison.Ordinal);

        using var predictor = RulPredictor.Load(onnx);
        float[] Window(double life) => Enumerable.Range(0, 12).SelectMany(i =>
        {
            var l = life - (11 - i) / 80.0;
            return new[] { (float)(10 * l * l), 0.5f };
        }).ToArray();
        var early = predictor.PredictRul(Window(0.3));
        var late = predictor.PredictRul(Window(0.95));
        Assert.True(early > 30, $"early in life {early:F1} cycles (cap 40)");
        Assert.True(late < 12, $"near the end {late:F1} cycles");
    }
}
