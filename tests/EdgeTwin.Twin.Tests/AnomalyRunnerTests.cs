using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.Intelligence;

namespace EdgeTwin.Twin.Tests;

/// <summary>
/// Replacing a supplied anomaly model: by copying new files over the configured ones (picked up in the background)
/// or by <see cref="AnomalyRunner.Replace"/> (the model-update command). Each model is told apart by the threshold
/// written into its manifest.
/// </summary>
public sealed class AnomalyRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgetwin-anomaly-" + Guid.NewGuid().ToString("N"));
    private readonly Random _random = new(5);

    public AnomalyRunnerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PointTable Table() => new(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Poll = TimeSpan.FromSeconds(1),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1" },
            Points = [new PointConfig { Id = "u", Unit = "V" }, new PointConfig { Id = "i", Unit = "A" }],
        },
    ]);

    private static AssetConfig Motor(string model) => new()
    {
        Id = "m1",
        Properties = new Dictionary<string, string> { ["voltage"] = "plc1/u", ["current"] = "plc1/i" },
        Anomaly = new AnomalyConfig(300, null, ["voltage", "current"], Model: model),
    };

    /// <summary>Normal data: voltage, current following it, and a speed that follows the current too.</summary>
    private double[] Row(int k)
    {
        var u = 230 + 5 * Math.Sin(k / 20.0) + _random.NextDouble() * 0.5;
        var i = u / 23.0 + _random.NextDouble() * 0.05;
        return [u, i, 150 * i];
    }

    /// <summary>A model of the normal motor with <paramref name="threshold"/> in its manifest, taking <paramref name="properties"/> in that order.</summary>
    private ExportedModel Model(double threshold, string[]? properties = null)
    {
        properties ??= ["voltage", "current"];
        string[] names = ["voltage", "current", "speed"];
        var rows = Enumerable.Range(0, 300).Select(Row).Select(r => properties.Select(p => r[Array.IndexOf(names, p)]).ToArray()).ToList();
        var export = PcaAnomalyExporter.Export(PcaAnomalyTrainer.Fit(properties, rows, AnomalyRunner.Options(properties, rows)), "m1");
        return export with { Manifest = export.Manifest with { Threshold = threshold } };
    }

    private void Feed(TwinEngine twin, ref DateTime t, int seconds, List<TwinEvent> events)
    {
        for (var k = 0; k < seconds; k++)
        {
            var row = Row(k);
            var batch = SampleBatch.Rent(0, t, 2);
            batch.Add(new Sample(0, t, row[0], Quality.Good));
            batch.Add(new Sample(1, t, row[1], Quality.Good));
            twin.Apply(batch);
            batch.Return();
            twin.DrainEvents(events);
            t = t.AddSeconds(1);
        }
    }

    /// <summary>Writes <paramref name="model"/> elsewhere and moves it over <paramref name="path"/> (dated in the past, so settled at once).</summary>
    private void Drop(ExportedModel model, string path)
    {
        var (onnx, json) = model.Save(Path.Combine(_dir, "staged"), "next");
        foreach (var (from, to) in new[] { (json, ExportedModel.ManifestPathFor(path)), (onnx, path) })
        {
            File.SetLastWriteTimeUtc(from, DateTime.UtcNow.AddSeconds(-10));
            File.Move(from, to, overwrite: true);
        }
    }

    private async Task FeedUntil(TwinEngine twin, DateTime t, List<TwinEvent> events, string type)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!events.Any(e => e.Type == type) && DateTime.UtcNow < deadline)
        {
            Feed(twin, ref t, 1, events);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_model_dropped_over_the_supplied_one_goes_into_service_and_a_bad_one_is_rejected_keeping_the_old()
    {
        var path = Model(7).Save(_dir, "m1").OnnxPath;
        var twin = new TwinEngine(Table(), [Motor(path)]);
        var runner = twin.AnomalyOf("m1")!;
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 30, events);
        Assert.Equal("ready", runner.State);
        Assert.Equal(7, twin.Assets[0].Models!.AnomalyThreshold);
        Assert.Equal(path, twin.Assets[0].Models!.AnomalyModel);

        Drop(Model(9), path);
        await FeedUntil(twin, t, events, "modelLoaded");
        var loaded = Assert.Single(events, e => e.Type == "modelLoaded");
        Assert.Equal("file", loaded.Fields["trigger"]);
        Assert.Equal("anomaly", loaded.Fields["kind"]);
        Feed(twin, ref t, runner.Scorer!.Window + 5, events);     // a new model starts with an empty window
        var m = twin.Assets[0].Models!;
        Assert.Equal(9, m.AnomalyThreshold);
        Assert.NotNull(m.AnomalyScore);
        Assert.Null(m.AnomalyError);

        // The manifest of the next drop claims a window one sample longer than its ONNX graph takes.
        var bad = Model(11);
        Drop(bad with { Manifest = bad.Manifest with { Input = bad.Manifest.Input with { Window = bad.Manifest.Input.Window + 1 } } }, path);
        await FeedUntil(twin, t, events, "modelRejected");
        var rejected = Assert.Single(events, e => e.Type == "modelRejected");
        var error = Assert.IsType<string>(rejected.Fields["error"]);
        Assert.Contains("has shape", error, StringComparison.Ordinal);
        Assert.Contains("m1.onnx", error, StringComparison.Ordinal);
        Assert.Contains($"the model {path} stays in service", error, StringComparison.Ordinal);

        var scored = 0;
        twin.InferenceTimed = (_, _, _) => scored++;
        Feed(twin, ref t, 30, events);
        Assert.Equal(30, scored);
        m = twin.Assets[0].Models!;
        Assert.Equal("ready", m.AnomalyState);
        Assert.Equal(9, m.AnomalyThreshold);
        Assert.Equal(error, m.AnomalyError);
        Assert.Single(events, e => e.Type == "modelLoaded");
    }

    [Fact]
    public void A_replacement_reading_a_property_the_asset_lacks_is_rejected_and_a_good_one_is_then_watched()
    {
        var path = Model(7).Save(_dir, "m1").OnnxPath;
        var twin = new TwinEngine(Table(), [Motor(path)]);
        var runner = twin.AnomalyOf("m1")!;
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 30, events);

        var foreign = Model(8, ["voltage", "speed"]).Save(_dir, "foreign").OnnxPath;
        var ex = Assert.Throws<ManifestException>(() => runner.Replace(foreign, t, events));
        Assert.Contains("model input 'speed' is not a property of asset 'm1'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(foreign, ex.Path);
        Assert.Single(events, e => e.Type == "modelRejected");
        Feed(twin, ref t, 5, events);
        Assert.Equal(7, twin.Assets[0].Models!.AnomalyThreshold);
        Assert.Contains("stays in service", twin.Assets[0].Models!.AnomalyError, StringComparison.Ordinal);

        // Inputs in another order are read in the model's order.
        var swapped = Model(12, ["current", "voltage"]).Save(_dir, "swapped").OnnxPath;
        runner.Replace(swapped, t, events);
        Feed(twin, ref t, runner.Scorer!.Window + 30, events);
        var m = twin.Assets[0].Models!;
        Assert.Equal(12, m.AnomalyThreshold);
        Assert.Equal(swapped, m.AnomalyModel);
        Assert.Null(m.AnomalyError);
        Assert.False(m.Anomalous, $"score {m.AnomalyScore} of normal data with the inputs swapped");
    }

    [Fact]
    public void An_unusable_supplied_model_fails_visibly_at_start_and_the_twin_runs_on()
    {
        var model = Model(7);
        var path = (model with { Manifest = model.Manifest with { Input = model.Manifest.Input with { Window = 99 } } }).Save(_dir, "m1").OnnxPath;
        var twin = new TwinEngine(Table(), [Motor(path)]);
        var events = new List<TwinEvent>();
        var t = T0;
        Feed(twin, ref t, 5, events);
        var m = twin.Assets[0].Models!;
        Assert.Equal("failed", m.AnomalyState);
        Assert.Contains("manifest declares", m.AnomalyError, StringComparison.Ordinal);
        Assert.Equal(path, Assert.Single(events, e => e.Type == "modelFailed").Fields["model"]);
        Assert.True(twin.Assets[0].TryGetProperty("voltage", out var voltage) && voltage.Seen);
    }
}
