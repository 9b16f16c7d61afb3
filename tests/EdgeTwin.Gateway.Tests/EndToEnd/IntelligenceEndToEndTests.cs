using System.Globalization;
using System.Text.Json;
using EdgeTwin.Gateway.Cli;
using EdgeTwin.Gateway.Tests.Uplink;
using EdgeTwin.Simulator;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

/// <summary>
/// The twin's intelligence in the real daemon: the simulated pump (served over Modbus TCP on loopback) wears out, the
/// edgetwin process learns its normal, raises an anomaly and a falling RUL on a real mosquitto, answers <c>simulate</c>
/// with a time to the trip limit, and relearns on <c>edgetwin learn</c>.
/// </summary>
public sealed class IntelligenceEndToEndTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Mosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>
    /// The demo's pump configuration at test speed: the committed demo RUL model was trained on 30-minute lives in
    /// 10 s cycles, so a pump living <paramref name="lifetime"/> gets cycles shortened in the same ratio.
    /// </summary>
    private string WriteConfig(int modbusPort, int httpPort, TimeSpan lifetime)
    {
        var scale = lifetime / TimeSpan.FromMinutes(30);
        string Ms(TimeSpan t) => ((int)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var path = _dir.File("gw.yaml");
        File.WriteAllText(path, $$"""
            gateway:
              id: gw-ai
            storage:
              path: {{_dir.File("gw.db")}}
              commitInterval: 20ms
            mqtt:
              url: mqtt://127.0.0.1:{{_broker.Port}}
              topicRoot: et/v1
              twinRateLimit: 5
            http:
              listen: 127.0.0.1:{{httpPort}}
            devices:
              - id: plc1
                modbus: { host: 127.0.0.1, port: {{modbusPort}}, unit: 1 }
                poll: 100ms
                points:
                  - { id: pump1_pressure, table: holding, address: 0, type: float32, order: ABCD, unit: bar }
                  - { id: pump1_temperature, table: holding, address: 2, type: float32, unit: degC }
                  - { id: pump1_vibration, table: holding, address: 4, type: float32, order: CDAB, unit: mm/s }
                  - { id: pump1_flow, table: holding, address: 6, type: float32, unit: m3/h }
                  - { id: pump1_current, table: input, address: 10, type: uint16, scale: 0.01, unit: A }
                  - { id: pump1_cooling, table: coil, address: 1, type: bool, writable: true }
                  - { id: pump1_fan, table: coil, address: 2, type: bool }
            assets:
              - id: pump1
                type: pump
                properties:
                  pressure: plc1/pump1_pressure
                  current: plc1/pump1_current
                  temperature: plc1/pump1_temperature
                  vibration: plc1/pump1_vibration
                  flow: plc1/pump1_flow
                  fan: plc1/pump1_fan
                alarms:
                  - { id: overtemp, property: temperature, high: 95, hysteresis: 2, severity: critical }
                anomaly:
                  learn: 120 samples
                  features: [pressure, current, vibration, flow]
                failure:
                  model: {{Path.Combine(RepoPaths.Root, "config", "models", "rul-pump.onnx")}}
                  cycle: {{Ms(TimeSpan.FromSeconds(10) * scale)}}
                  horizon: {{Ms(TimeSpan.FromMinutes(5) * scale)}}
                dynamics:
                  inputs: [fan, current]
                  outputs: [temperature]
                  step: 500ms
              - id: meter
                properties:
                  flow: plc1/pump1_flow
            """);
        return path;
    }

    /// <summary>Waits for a twin or event message; a timeout names the latest twin of pump1 and the gateway's output.</summary>
    private static async Task<MqttRecorder.Received> WaitAsync(MqttRecorder recorder, PeerProcess gateway, Func<MqttRecorder.Received, bool> predicate, int seconds, string what)
    {
        try
        {
            return await recorder.WaitForAsync(predicate, TimeSpan.FromSeconds(seconds), what);
        }
        catch (TimeoutException)
        {
            var twin = recorder.Messages.LastOrDefault(IsTwin)?.Text ?? "(no twin)";
            var events = string.Join("\n", recorder.Messages.Where(m => m.Topic.EndsWith("/events", StringComparison.Ordinal)).TakeLast(10).Select(m => m.Text));
            throw new TimeoutException($"no message with {what} within {seconds} s.\nlatest twin: {twin}\nevents:\n{events}\ngateway:\n{gateway.Output}");
        }
    }

    private static bool IsTwin(MqttRecorder.Received m) => m.Topic == "et/v1/gw-ai/twin/pump1";

    /// <summary>The twin's anomaly object; absent while the asset has no anomaly state yet.</summary>
    private static JsonElement? Anomaly(MqttRecorder.Received m) =>
        m.Json.TryGetProperty("anomaly", out var a) && a.ValueKind == JsonValueKind.Object ? a : null;

    private static JsonElement? Failure(MqttRecorder.Received m) =>
        m.Json.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.Object ? f : null;

    private static double? Rul(MqttRecorder.Received m) =>
        Failure(m) is { } f && f.TryGetProperty("rulHours", out var r) ? r.GetDouble() : null;

    [Fact]
    public async Task A_wearing_pump_raises_an_anomaly_and_a_falling_rul_and_simulate_gives_the_time_to_the_trip()
    {
        var lifetime = TimeSpan.FromSeconds(45);
        await using var plant = new PumpPlant(port: 0, lifetime: lifetime);
        await plant.StartAsync();
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw-ai/#");
        await using var gateway = GatewayProcess.Start("run", "--config", WriteConfig(plant.Port, FreePort.Next(), lifetime));
        await using var commands = await CommandClient.ConnectAsync(_broker.Port, "et/v1/gw-ai");

        await WaitAsync(recorder, gateway, m => IsTwin(m) && m.Json.TryGetProperty("anomaly", out var a) && a.GetProperty("state").GetString() == "ready", 45, "a learned anomaly model");

        // The cooling fails in the plant (its enable coil drops): the motor heats up, which also shows the what-if
        // model what the fan does.
        await using (var plc = Modbus.Client.ModbusClient.CreateTcp("127.0.0.1", plant.Port, new Modbus.Client.ModbusClientOptions()))
        {
            await plc.ConnectAsync();
            await plc.WriteSingleCoilAsync(1, PumpRegisters.CoolingEnabled, false);
        }

        var anomalous = await WaitAsync(recorder, gateway, m => IsTwin(m) && m.Json.TryGetProperty("anomaly", out var a) && a.GetProperty("anomalous").GetBoolean(), 90, "an anomaly");
        var explanation = anomalous.Json.GetProperty("anomaly").GetProperty("contributions");
        Assert.True(explanation.GetArrayLength() > 0, anomalous.Text);
        await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "anomalyStarted", 10, "an anomalyStarted event");

        // The RUL falls as the pump wears: from the first prediction to well below half of it.
        var first = await WaitAsync(recorder, gateway, m => IsTwin(m) && Rul(m) is not null, 60, "a RUL");
        var start = Rul(first)!.Value;
        Assert.Equal("ready", Failure(first)!.Value.GetProperty("state").GetString());
        var interval = Failure(first)!.Value.GetProperty("rulInterval");
        Assert.True(interval[0].GetDouble() <= start && start <= interval[1].GetDouble(), $"RUL {start} outside its interval {interval}");
        var low = await WaitAsync(recorder, gateway, m => IsTwin(m) && Rul(m) < start * 0.4, 90, $"a RUL below 40 % of the first ({start} h)");
        var risk = await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "failureRiskRaised", 60, "a failureRiskRaised event");
        Assert.True(risk.Json.GetProperty("probability").GetDouble() >= 0.5, risk.Text);
        Assert.True(Failure(low)!.Value.GetProperty("probability").GetDouble() >= 0);

        // What-if: with the fan staying off and the motor running, when does it reach the 95 °C trip limit? The
        // current is given too: by now the plant's pump may have worn out and stopped (its lifetime is 45 s of
        // running, and on a loaded machine the steps above take longer), and a stopped motor never trips.
        JsonElement answer = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        double? after = null;
        while (after is null && DateTime.UtcNow < deadline)
        {
            answer = await commands.RequestAsync("simulate", """{"asset":"pump1","overrides":{"fan":0,"current":12},"horizon":"2h","step":"10s"}""");
            if (answer.GetProperty("ok").GetBoolean())
            {
                var trip = answer.GetProperty("result").GetProperty("crossings").EnumerateArray().Single(c => c.GetProperty("alarm").GetString() == "overtemp");
                after = trip.GetProperty("afterSeconds").ValueKind == JsonValueKind.Number ? trip.GetProperty("afterSeconds").GetDouble() : null;
            }

            if (after is null)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(after is > 0 and < 7200, $"no time to the trip limit: {answer}");
        Assert.True(gateway.Running, gateway.Output);
    }

    [Fact]
    public async Task Edgetwin_learn_relearns_with_progress_and_names_what_is_wrong()
    {
        var httpPort = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{httpPort}");
        var output = new StringWriter();
        var error = new StringWriter();

        // No daemon yet.
        Assert.Equal(LearnCommand.UnreachableExit, await LearnCommand.RunAsync(url, null, "pump1", true, TimeSpan.FromMinutes(1), output, error, TimeSpan.FromMilliseconds(200)));
        Assert.Contains($"cannot reach {url}", error.ToString(), StringComparison.Ordinal);

        await using var plant = new PumpPlant(port: 0, lifetime: TimeSpan.FromHours(10));
        await plant.StartAsync();
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw-ai/#");
        await using var gateway = GatewayProcess.Start("run", "--config", WriteConfig(plant.Port, httpPort, TimeSpan.FromMinutes(30)));
        await WaitAsync(recorder, gateway, m => IsTwin(m) && m.Json.TryGetProperty("anomaly", out var a) && a.GetProperty("state").GetString() == "ready", 45, "a learned anomaly model");

        error.GetStringBuilder().Clear();
        Assert.True(LearnCommand.BadAssetExit == await LearnCommand.RunAsync(url, null, "pump9", true, TimeSpan.FromMinutes(1), output, error, TimeSpan.FromMilliseconds(200)), error.ToString());
        Assert.Contains("no asset 'pump9'", error.ToString(), StringComparison.Ordinal);
        error.GetStringBuilder().Clear();
        Assert.Equal(LearnCommand.BadAssetExit, await LearnCommand.RunAsync(url, null, "meter", true, TimeSpan.FromMinutes(1), output, error, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("asset 'meter' has no anomaly model", error.ToString(), StringComparison.Ordinal);

        var exit = await LearnCommand.RunAsync(url, null, "pump1", true, TimeSpan.FromMinutes(2), output, error, TimeSpan.FromMilliseconds(200));
        Assert.True(exit == 0, output + error.ToString());
        var text = output.ToString();
        Assert.Contains("pump1: learning its normal from the next data", text, StringComparison.Ordinal);
        Assert.Matches(@"pump1: learning\s+\d+ %", text);
        Assert.Contains("pump1: learned; the new anomaly model is in service (threshold ", text, StringComparison.Ordinal);
        var started = await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "learningStarted", 10, "a learningStarted event");
        var completed = await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "learningComplete" && m.Json.GetProperty("seq").GetInt64() > started.Json.GetProperty("seq").GetInt64(), 10, "a learningComplete event after the relearning started");
        Assert.True(completed.Json.GetProperty("threshold").GetDouble() > 0);
    }

    /// <summary>An anomaly model of the pump's four anomaly features with <paramref name="threshold"/> in its manifest.</summary>
    private static Models.Manifest.ExportedModel PumpAnomalyModel(double threshold)
    {
        string[] features = ["pressure", "current", "vibration", "flow"];
        var random = new Random(11);
        var rows = Enumerable.Range(0, 200).Select(_ => new[] { 2.5 + random.NextDouble() * 0.1, 12 + random.NextDouble(), 2 + random.NextDouble() * 0.2, 40 + random.NextDouble() }).ToList();
        var export = Models.Anomaly.PcaAnomalyExporter.Export(Models.Anomaly.PcaAnomalyTrainer.Fit(features, rows), "pump1");
        return export with { Manifest = export.Manifest with { Threshold = threshold } };
    }

    [Fact]
    public async Task An_anomaly_model_with_a_wrong_shape_is_rejected_and_one_dropped_over_the_learned_file_goes_into_service()
    {
        await using var plant = new PumpPlant(port: 0, lifetime: TimeSpan.FromHours(10));
        await plant.StartAsync();
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw-ai/#");
        await using var gateway = GatewayProcess.Start("run", "--config", WriteConfig(plant.Port, FreePort.Next(), TimeSpan.FromMinutes(30)));
        await using var commands = await CommandClient.ConnectAsync(_broker.Port, "et/v1/gw-ai");
        await WaitAsync(recorder, gateway, m => IsTwin(m) && m.Json.TryGetProperty("anomaly", out var a) && a.GetProperty("state").GetString() == "ready", 45, "a learned anomaly model");
        var learned = Path.Combine(_dir.Path, "models", "pump1.anomaly.onnx");
        Assert.True(File.Exists(learned), learned);

        // model-update with a manifest that claims a longer window than the ONNX graph takes.
        var good = PumpAnomalyModel(1234);
        var bad = good with { Manifest = good.Manifest with { Input = good.Manifest.Input with { Window = good.Manifest.Input.Window + 5 } } };
        var badPath = bad.Save(_dir.Path, "bad").OnnxPath;
        var answer = await commands.RequestAsync("model-update", JsonSerializer.Serialize(new { asset = "pump1", path = badPath, kind = "anomaly" }));
        Assert.False(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        Assert.Equal("invalid-model", answer.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("has shape", answer.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var rejected = await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "modelRejected", 10, "a modelRejected event");
        Assert.Equal("anomaly", rejected.Json.GetProperty("kind").GetString());
        Assert.Contains($"the model {learned} stays in service", rejected.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        var kept = await WaitAsync(recorder, gateway, m => IsTwin(m) && Anomaly(m) is { } a && a.TryGetProperty("error", out _), 10, "the rejection on the twin");
        Assert.Equal("ready", kept.Json.GetProperty("anomaly").GetProperty("state").GetString());
        Assert.NotEqual(1234, kept.Json.GetProperty("anomaly").GetProperty("threshold").GetDouble());
        Assert.Contains("modelRejected on pump1", gateway.Output, StringComparison.Ordinal);

        // New files copied over the learned ones: picked up without a command.
        var (onnx, json) = good.Save(Path.Combine(_dir.Path, "staged"), "pump1.anomaly");
        File.Copy(json, Path.ChangeExtension(learned, ".json"), overwrite: true);
        File.Copy(onnx, learned, overwrite: true);
        var loaded = await WaitAsync(recorder, gateway, m => m.Topic == "et/v1/gw-ai/events" && m.Json.GetProperty("type").GetString() == "modelLoaded", 20, "a modelLoaded event");
        Assert.Equal("file", loaded.Json.GetProperty("trigger").GetString());
        var swapped = await WaitAsync(recorder, gateway, m => IsTwin(m) && Anomaly(m) is { } a && a.TryGetProperty("threshold", out var t) && t.GetDouble() == 1234, 20, "the dropped model's threshold on the twin");
        Assert.False(swapped.Json.GetProperty("anomaly").TryGetProperty("error", out _), swapped.Text);
        Assert.True(gateway.Running, gateway.Output);
    }
}
