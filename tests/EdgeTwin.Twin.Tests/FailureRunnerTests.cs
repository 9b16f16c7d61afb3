using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Rul;
using EdgeTwin.Twin.Events;

namespace EdgeTwin.Twin.Tests;

/// <summary>
/// The live failure model against a hand-made RUL model: one tree on the mean vibration of the last 3 cycles
/// (≤ 5 mm/s: 100 cycles left, above: 20), error model σ = 10 cycles without bias, cycles of 10 s, predictions from
/// the 2nd cycle on. So RUL = 100 cycles = 1000 s = 0.2778 h with the 90 % interval 100 ± 1.6449·10 cycles, and
/// within a 500 s (50-cycle) horizon P(failure) = Φ((50 - 100) / 10) = Φ(-5) ≈ 2.9e-7, or Φ(3) = 0.99865 at RUL 20.
/// </summary>
public sealed class FailureRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgetwin-rul-" + Guid.NewGuid().ToString("N"));

    public FailureRunnerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PointTable Table() => new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(1),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points = [new PointConfig { Id = "v", Unit = "mm/s" }, new PointConfig { Id = "p", Unit = "bar" }],
        },
    ]);

    /// <summary>Writes the hand-made model (input property <paramref name="input"/>, leaves <paramref name="healthy"/> / <paramref name="worn"/>) and returns the ONNX path.</summary>
    private string WriteModel(string name, string input = "vib", float healthy = 100, float worn = 20, int window = 3)
    {
        var featurizer = new WindowFeaturizer([input], [0.0], [1.0], [new WindowFeature(input, WindowFeatureKind.Mean, window)], positions: 1);
        var trees = new TreeEnsembleSpec();
        var tree = trees.BeginTree();
        trees.AddBranch(tree, 0, 0, 5f, 1, 2);
        trees.AddLeaf(tree, 1, healthy);
        trees.AddLeaf(tree, 2, worn);
        var model = new RulModel(featurizer, trees, cap: 100, new RulErrorModel(0, 10, 0), valueColumns: [0]);
        var export = RulExporter.Export(model, name, cycleSeconds: 10, minHistory: 2);
        return export.Save(_dir, name).OnnxPath;
    }

    private static AssetConfig Pump(string model, IReadOnlyDictionary<string, string>? inputs = null) => new()
    {
        Id = "pump1",
        Properties = new Dictionary<string, string> { ["vibration"] = "plc1/v", ["pressure"] = "plc1/p" },
        Failure = new FailureConfig(model, TimeSpan.FromSeconds(500), inputs ?? new Dictionary<string, string> { ["vib"] = "vibration" }),
    };

    private static void Feed(TwinEngine twin, ref DateTime t, double vibration, int seconds, List<TwinEvent> events)
    {
        for (var k = 0; k < seconds; k++)
        {
            var batch = SampleBatch.Rent(0, t, 2);
            batch.Add(new Sample(0, t, vibration, Quality.Good));
            batch.Add(new Sample(1, t, 4.2, Quality.Good));
            twin.Apply(batch);
            batch.Return();
            twin.DrainEvents(events);
            t = t.AddSeconds(1);
        }
    }

    [Fact]
    public void Predicts_rul_hours_interval_and_failure_probability_per_cycle_with_risk_events()
    {
        var twin = new TwinEngine(Table(), [Pump(WriteModel("hand"))]);
        var timed = new List<(string Asset, string Model, TimeSpan Elapsed)>();
        twin.InferenceTimed = (a, m, e) => timed.Add((a, m, e));
        var events = new List<TwinEvent>();
        var t = T0;
        var pump = twin.Assets[0];

        // Cycle 1 (t 0..9 s) closes at t = 10 s: one cycle of history, two needed.
        Feed(twin, ref t, 2, 11, events);
        Assert.Equal("collecting", pump.Models!.FailureState);
        Assert.Equal((1, 2), pump.Models.FailureHistory);
        Assert.Null(pump.Models.RulHours);

        // Cycle 2 closes at t = 20 s: the window [2, 2] is padded to [2, 2, 2], mean 2 -> 100 cycles.
        Feed(twin, ref t, 2, 10, events);
        var m = pump.Models!;
        Assert.Equal("ready", m.FailureState);
        Assert.Null(m.FailureHistory);
        Assert.Equal(1000.0 / 3600, m.RulHours!.Value, 6);
        Assert.Equal((100 - 16.448536) * 10 / 3600, m.RulInterval!.Value.Low, 5);
        Assert.Equal((100 + 16.448536) * 10 / 3600, m.RulInterval!.Value.High, 5);
        Assert.Equal(2.87e-7, m.FailureProbability!.Value, 8);
        Assert.Equal(TimeSpan.FromSeconds(500), m.FailureHorizon);
        Assert.Single(timed);
        Assert.Equal(("pump1", "rul"), (timed[0].Asset, timed[0].Model));
        Assert.DoesNotContain(events, e => e.Type.StartsWith("failureRisk", StringComparison.Ordinal));

        // Vibration 8 from t = 20 s: cycle 3 gives [2, 2, 8] (mean 4, still 100); cycle 4 gives [2, 8, 8] (mean 6): 20 cycles.
        Feed(twin, ref t, 8, 10, events);
        Assert.Equal(1000.0 / 3600, pump.Models!.RulHours!.Value, 6);
        Feed(twin, ref t, 8, 10, events);
        Assert.Equal(200.0 / 3600, pump.Models!.RulHours!.Value, 6);
        Assert.Equal(0.998650, pump.Models.FailureProbability!.Value, 5);
        var raised = Assert.Single(events, e => e.Type == "failureRiskRaised");
        Assert.Equal("pump1", raised.Asset);
        Assert.Equal(T0.AddSeconds(40), raised.Time);
        Assert.Equal(0.9987, raised.Fields["probability"]);
        Assert.True(pump.Health < 60, $"health {pump.Health} with failure probability 0.9987");

        // Back to 2: [8, 8, 2] mean 6 still 20; then [8, 2, 2] mean 4: 100 cycles, and the risk clears.
        Feed(twin, ref t, 2, 10, events);
        Assert.DoesNotContain(events, e => e.Type == "failureRiskCleared");
        Feed(twin, ref t, 2, 10, events);
        Assert.Equal(1000.0 / 3600, pump.Models!.RulHours!.Value, 6);
        Assert.Single(events, e => e.Type == "failureRiskCleared");
        Assert.Equal(5, timed.Count);
        Assert.Equal(6, twin.FailureOf("pump1")!.Cycles);
    }

    [Fact]
    public void A_cycle_without_new_values_repeats_the_last_level_and_bad_values_are_left_out()
    {
        var twin = new TwinEngine(Table(), [Pump(WriteModel("hand"))]);
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 8, 10, events);

        // Only pressure changes during cycle 2; a bad vibration sample counts for nothing.
        for (var k = 0; k < 11; k++)
        {
            var batch = SampleBatch.Rent(0, t, 2);
            if (k == 3)
            {
                batch.Add(Sample.Bad(0, t, "timeout"));
            }

            batch.Add(new Sample(1, t, 4.0 + k, Quality.Good));
            twin.Apply(batch);
            batch.Return();
            t = t.AddSeconds(1);
        }

        // Cycles [8, 8] padded to a mean of 8: the worn leaf.
        Assert.Equal(200.0 / 3600, twin.Assets[0].Models!.RulHours!.Value, 6);
    }

    [Fact]
    public void A_model_the_asset_cannot_feed_fails_visibly_and_the_twin_runs_on()
    {
        var path = WriteModel("needs-temperature", input: "temperature");
        var twin = new TwinEngine(Table(), [Pump(path, new Dictionary<string, string>())]);
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 2, 30, events);

        var m = twin.Assets[0].Models!;
        Assert.Equal("failed", m.FailureState);
        Assert.Contains("model input 'temperature' is not a property of asset 'pump1'", m.FailureError, StringComparison.Ordinal);
        Assert.Null(m.RulHours);
        var failed = Assert.Single(events, e => e.Type == "modelFailed");
        Assert.Equal(path, failed.Fields["model"]);
        Assert.Equal(2, twin.Assets[0].Properties[0].Value);

        var missing = new TwinEngine(Table(), [Pump(Path.Combine(_dir, "nowhere.onnx"))]);
        Feed(missing, ref t, 2, 1, events);
        Assert.Contains("manifest file not found", missing.Assets[0].Models!.FailureError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_with_mismatched_shapes_is_rejected_and_the_old_model_keeps_predicting()
    {
        var twin = new TwinEngine(Table(), [Pump(WriteModel("hand"))]);
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 2, 21, events);

        // The manifest claims a window of 5 cycles; the ONNX graph takes 3.
        var bad = WriteModel("bad");
        var manifestPath = ExportedModel.ManifestPathFor(bad);
        var manifest = ModelManifest.Load(manifestPath);
        (manifest with { Input = manifest.Input with { Window = 5 } }).Save(manifestPath);
        var runner = twin.FailureOf("pump1")!;
        var ex = Assert.Throws<ManifestException>(() => runner.Replace(bad, t, events));
        Assert.Contains("input 'x' has shape [?, 3, 1], manifest declares [batch, 5, 1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.onnx", ex.Message, StringComparison.Ordinal);

        Assert.Single(events, e => e.Type == "modelRejected");
        Feed(twin, ref t, 8, 20, events);
        var m = twin.Assets[0].Models!;
        Assert.Equal("ready", m.FailureState);
        Assert.EndsWith("hand.onnx", m.FailureModel, StringComparison.Ordinal);
        Assert.Contains("stays in service", m.FailureError, StringComparison.Ordinal);
        Assert.Equal(200.0 / 3600, m.RulHours!.Value, 6);

        // A good replacement takes over at once and keeps the history collected (same inputs and cycles).
        runner.Replace(WriteModel("better", healthy: 90, worn: 30), t, events);
        Assert.Single(events, e => e.Type == "modelLoaded");
        Feed(twin, ref t, 8, 10, events);
        m = twin.Assets[0].Models!;
        Assert.Null(m.FailureError);
        Assert.Equal(300.0 / 3600, m.RulHours!.Value, 6);
    }

    [Fact]
    public async Task A_model_file_dropped_over_the_configured_one_is_picked_up()
    {
        var path = WriteModel("pump");
        var twin = new TwinEngine(Table(), [Pump(path)]);
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 8, 21, events);
        Assert.Equal(200.0 / 3600, twin.Assets[0].Models!.RulHours!.Value, 6);

        // The new files are written elsewhere and moved over the old ones; they are dated in the past so that the
        // settle time is over at once.
        var staged = Path.Combine(_dir, "staged");
        Directory.CreateDirectory(staged);
        var featurizer = new WindowFeaturizer(["vib"], [0.0], [1.0], [new WindowFeature("vib", WindowFeatureKind.Mean, 3)], positions: 1);
        var trees = new TreeEnsembleSpec();
        trees.BeginTree();
        trees.AddLeaf(0, 0, 7);
        var export = RulExporter.Export(new RulModel(featurizer, trees, 100, new RulErrorModel(0, 10, 0), [0]), "pump", cycleSeconds: 10, minHistory: 2);
        var (onnx, json) = export.Save(staged, "pump");
        foreach (var (from, to) in new[] { (json, ExportedModel.ManifestPathFor(path)), (onnx, path) })
        {
            File.SetLastWriteTimeUtc(from, DateTime.UtcNow.AddSeconds(-10));
            File.Move(from, to, overwrite: true);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!events.Any(e => e.Type == "modelLoaded") && DateTime.UtcNow < deadline)
        {
            Feed(twin, ref t, 8, 1, events);
            await Task.Delay(20);
        }

        var loaded = Assert.Single(events, e => e.Type == "modelLoaded");
        Assert.Equal("file", loaded.Fields["trigger"]);
        Feed(twin, ref t, 8, 10, events);
        Assert.Equal(70.0 / 3600, twin.Assets[0].Models!.RulHours!.Value, 6);
    }
}
