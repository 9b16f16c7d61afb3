using System.Globalization;
using System.Text.Json;
using EdgeTwin.Simulator;
using EdgeTwin.Testing;
using EdgeTwin.Gateway.Tests.Uplink;
using Xunit.Abstractions;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

/// <summary>
/// Maintenance recommendations in the real daemon on the demo pump's degradation: the simulated pump (Modbus TCP on
/// loopback) wears out within a minute, the committed demo RUL model predicts its end, and the retained
/// maintenance topic on a real mosquitto shows a recommendation before the pump fails, escalating to critical, never
/// flapping; the <c>maintenance</c> command answers with it and its plan, <c>maintenance-ack</c> acknowledges it.
/// </summary>
public sealed class MaintenanceEndToEndTests : IAsyncLifetime
{
    private const string Root = "et/v1/gw-mx";
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;
    private Mosquitto _broker = null!;

    public MaintenanceEndToEndTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>
    /// The demo pump's configuration at test speed (the demo RUL model was trained on 30-minute lives in 10 s cycles:
    /// a pump living <paramref name="lifetime"/> gets cycles, horizon and maintenance levels scaled in the same ratio).
    /// </summary>
    private string WriteConfig(int modbusPort, int httpPort, TimeSpan lifetime)
    {
        var scale = lifetime / TimeSpan.FromMinutes(30);
        string Ms(TimeSpan t) => ((int)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var path = _dir.File("gw.yaml");
        File.WriteAllText(path, $$"""
            gateway:
              id: gw-mx
            storage:
              path: {{_dir.File("gw.db")}}
              commitInterval: 20ms
            mqtt:
              url: mqtt://127.0.0.1:{{_broker.Port}}
              topicRoot: et/v1
              twinRateLimit: 5
            http:
              listen: 127.0.0.1:{{httpPort}}
            maintenance:
              probability: 0.7
              rul: {{Ms(TimeSpan.FromMinutes(10) * scale)}}
              critical: {{Ms(TimeSpan.FromMinutes(3) * scale)}}
              minDwell: {{Ms(TimeSpan.FromMinutes(15) * scale)}}
              maxDown: 1
              types:
                pump: { downtime: {{Ms(TimeSpan.FromSeconds(30) * scale)}}, cost: 800, currency: EUR }
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
            assets:
              - id: pump1
                type: pump
                properties:
                  pressure: plc1/pump1_pressure
                  current: plc1/pump1_current
                  temperature: plc1/pump1_temperature
                  vibration: plc1/pump1_vibration
                  flow: plc1/pump1_flow
                derived:
                  power: { formula: "current * 0.6", unit: kW }
                capacity: { property: power, limit: 100 }
                dynamics:
                  inputs: [current]
                  outputs: [temperature]
                  step: 200ms
                failure:
                  model: {{Path.Combine(RepoPaths.Root, "config", "models", "rul-pump.onnx")}}
                  cycle: {{Ms(TimeSpan.FromSeconds(10) * scale)}}
                  horizon: {{Ms(TimeSpan.FromMinutes(5) * scale)}}
            groups:
              pumps: [pump1]
            """);
        return path;
    }

    [Fact]
    public async Task A_wearing_pump_gets_a_recommendation_before_it_fails_escalating_to_critical_without_flapping()
    {
        var lifetime = TimeSpan.FromSeconds(60);
        var scale = lifetime / TimeSpan.FromMinutes(30);
        await using var plant = new PumpPlant(port: 0, lifetime: lifetime);
        await plant.StartAsync();
        var pump = plant.Pumps[0];
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, Root + "/#");
        var httpPort = FreePort.Next();
        await using var gateway = GatewayProcess.Start("run", "--config", WriteConfig(plant.Port, httpPort, lifetime));
        await using var commands = await CommandClient.ConnectAsync(_broker.Port, Root);

        // Watch the retained topic and note how much life the pump truly had left when each message arrived.
        var seen = new List<(JsonElement Message, double TrueRemaining)>();
        var count = 0;
        var deadline = DateTime.UtcNow + lifetime + TimeSpan.FromSeconds(45);
        while (DateTime.UtcNow < deadline && !seen.Any(s => s.Message.GetProperty("priority").GetString() == "critical"))
        {
            var messages = recorder.Messages;
            var remaining = pump.TrueRemainingSeconds;
            for (; count < messages.Count; count++)
            {
                if (messages[count].Topic == Root + "/maintenance/pump1")
                {
                    seen.Add((messages[count].Json, remaining));
                }
            }

            await Task.Delay(50);
        }

        var events = recorder.Messages.Where(m => m.Topic == Root + "/events").Select(m => m.Json).Where(e => e.GetProperty("type").GetString()!.StartsWith("maintenance", StringComparison.Ordinal)).ToList();
        var story = $"maintenance messages:\n{string.Join("\n", seen.Select(s => $"{s.TrueRemaining:0.0} s left: {s.Message}"))}\nevents:\n{string.Join("\n", events)}\ngateway:\n{gateway.Output}";
        Assert.True(seen.Count > 0, story);
        foreach (var (message, left) in seen)
        {
            _output.WriteLine($"{left:0.0} s of {lifetime.TotalSeconds} s life left: {message.GetProperty("state").GetString()} {message.GetProperty("priority").GetString()}, RUL {message.GetProperty("rulHours").GetDouble() * 3600:0.0} s");
        }

        // Before the failure, as a scheduled job, with the downtime and cost of a pump.
        var first = seen[0];
        Assert.True(first.TrueRemaining > 0, story);
        Assert.Equal("open", first.Message.GetProperty("state").GetString());
        Assert.Contains(first.Message.GetProperty("priority").GetString(), new[] { "medium", "high", "critical" });
        Assert.Equal("schedule", first.Message.GetProperty("action").GetString());
        Assert.Equal((TimeSpan.FromSeconds(30) * scale).TotalHours, first.Message.GetProperty("downtimeHours").GetDouble(), 6);
        Assert.Equal(800, first.Message.GetProperty("cost").GetDouble());
        Assert.Contains(first.Message.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("kind").GetString() is "rul" or "failureProbability");
        Assert.StartsWith($"{first.Message.GetProperty("priority").GetString()}: schedule maintenance on pump1 within", first.Message.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Critical before the failure, and no earlier than the RUL level would say (a sane priority, not a false alarm).
        var critical = seen.First(s => s.Message.GetProperty("priority").GetString() == "critical");
        Assert.True(critical.TrueRemaining > 0, story);
        Assert.True(critical.TrueRemaining < (TimeSpan.FromMinutes(10) * scale).TotalSeconds, story);

        // Never flaps: one recommendation, only escalating, never cleared while the pump wears.
        Assert.Single(seen.Select(s => s.Message.GetProperty("id").GetString()).Distinct());
        var ranks = seen.Select(s => Array.IndexOf(["low", "medium", "high", "critical"], s.Message.GetProperty("priority").GetString())).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "maintenanceCleared");
        Assert.Equal("maintenanceRecommended", events[0].GetProperty("type").GetString());

        // The command shows it with a plan; acknowledging it updates the retained message.
        var answer = await commands.RequestAsync("maintenance", "{}");
        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        var result = answer.GetProperty("result");
        Assert.Equal("pump1", Assert.Single(result.GetProperty("recommendations").EnumerateArray()).GetProperty("asset").GetString());
        Assert.Equal(["pump1"], result.GetProperty("plan").GetProperty("windows")[0].GetProperty("assets").EnumerateArray().Select(a => a.GetString()));

        var ack = await commands.RequestAsync("maintenance-ack", """{"asset":"pump1"}""");
        Assert.True(ack.GetProperty("ok").GetBoolean(), ack.ToString());
        Assert.Equal("acknowledged", ack.GetProperty("result").GetProperty("recommendation").GetProperty("state").GetString());
        var retained = await recorder.WaitForAsync(m => m.Topic == Root + "/maintenance/pump1" && m.Json.GetProperty("state").GetString() == "acknowledged", TimeSpan.FromSeconds(10), "an acknowledged retained recommendation");
        Assert.Equal("operator-anna", retained.Json.GetProperty("acknowledged").GetProperty("by").GetString());
        var again = await commands.RequestAsync("maintenance-ack", """{"asset":"pump1"}""");
        Assert.Equal("conflict", again.GetProperty("error").GetProperty("code").GetString());
        var unknown = await commands.RequestAsync("maintenance-close", """{"asset":"pump9"}""");
        Assert.Equal("not-found", unknown.GetProperty("error").GetProperty("code").GetString());
        AssertSchemaFields("maintenance.schema.json", retained.Json);

        // The coordinated plan is retained on its own topic: empty at start, then pump1's window, published only when it changes.
        var plans = recorder.Messages.Where(m => m.Topic == Root + "/maintenance-plan").Select(m => m.Json.GetProperty("plan")).ToList();
        var story2 = string.Join("\n", plans);
        Assert.True(plans.Count >= 2, story2);
        Assert.Empty(plans[0].GetProperty("windows").EnumerateArray());
        Assert.Equal("no maintenance recommended", plans[0].GetProperty("summary").GetString());
        Assert.Equal(["pump1"], plans[^1].GetProperty("windows")[0].GetProperty("assets").EnumerateArray().Select(a => a.GetString()));
        Assert.True(plans.Count <= 1 + 2 * seen.Count, $"republished without a change of work:\n{story2}");
        AssertSchemaFields("maintenance-plan.schema.json", recorder.Messages.Last(m => m.Topic == Root + "/maintenance-plan").Json);

        // Set-points on the pump's identified dynamics: answered, never written.
        var speed = pump.SpeedSetpoint;
        var optimized = await commands.RequestAsync("optimize", """{"asset":"pump1","decision":{"current":[4,16]},"objective":"minimize power","constraints":["temperature <= 500"],"horizon":"1m"}""");
        Assert.True(optimized.GetProperty("ok").GetBoolean(), optimized.ToString());
        var best = optimized.GetProperty("result");
        AssertSchemaFields("optimize-result.schema.json", best);
        Assert.True(best.GetProperty("feasible").GetBoolean(), best.ToString());
        Assert.Equal(4, best.GetProperty("setpoints").GetProperty("current").GetDouble(), 0.05);       // power grows with current
        Assert.Equal("plc1/pump1_current", best.GetProperty("apply")[0].GetProperty("point").GetString());
        Assert.False(best.GetProperty("apply")[0].GetProperty("writable").GetBoolean());
        Assert.True(best.GetProperty("margins")[0].GetProperty("margin").GetDouble() >= 0);

        var infeasible = await commands.RequestAsync("optimize", """{"asset":"pump1","decision":{"current":[4,16]},"objective":"minimize power","constraints":["temperature <= -50"],"horizon":"1m"}""");
        Assert.False(infeasible.GetProperty("result").GetProperty("feasible").GetBoolean(), infeasible.ToString());
        Assert.Contains("temperature <= -50 fails by", infeasible.GetProperty("result").GetProperty("message").GetString(), StringComparison.Ordinal);
        var refused = await commands.RequestAsync("optimize", """{"asset":"pump1","decision":{"temperature":[0,1]},"objective":"minimize power"}""");
        Assert.Equal("bad-request", refused.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("not an input of the dynamics model", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var grouped = await commands.RequestAsync("optimize", """{"group":"pumps","decision":{"current":[4,16]},"objective":"minimize power","constraints":["temperature <= 500"],"horizon":"1m"}""");
        Assert.True(grouped.GetProperty("ok").GetBoolean(), grouped.ToString());
        AssertSchemaFields("optimize-group-result.schema.json", grouped.GetProperty("result"));
        Assert.Equal(4, grouped.GetProperty("result").GetProperty("setpoints").GetProperty("pump1").GetProperty("current").GetDouble(), 0.05);
        Assert.Equal("pump1: temperature <= 500", grouped.GetProperty("result").GetProperty("margins")[0].GetProperty("constraint").GetString());
        Assert.Equal(speed, pump.SpeedSetpoint);

        // The CLI through the HTTP API.
        var output = new StringWriter();
        var error = new StringWriter();
        var url = new Uri($"http://127.0.0.1:{httpPort}");
        var body = Cli.OptimizeCliCommand.Body(["current=4:16"], "minimize power", ["temperature <= -50"], "1m");
        Assert.Equal(Cli.OptimizeCliCommand.InfeasibleExit, await Cli.OptimizeCliCommand.RunAsync(url, null, Cli.OptimizeCliCommand.Resource("pump1", null), body, false, output, error));
        Assert.StartsWith("infeasible:", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(Cli.OptimizeCliCommand.BadRequestExit, await Cli.OptimizeCliCommand.RunAsync(url, null, Cli.OptimizeCliCommand.Resource("pump9", null), body, false, output, error));
        Assert.Contains("unknown asset 'pump9'", error.ToString(), StringComparison.Ordinal);

        // A configured group (of one pump here) through the same HTTP API and CLI.
        output.GetStringBuilder().Clear();
        var feasible = Cli.OptimizeCliCommand.Body(["current=4:16"], "minimize power", ["temperature <= 500"], "1m");
        Assert.Equal(0, await Cli.OptimizeCliCommand.RunAsync(url, null, Cli.OptimizeCliCommand.Resource(null, "pumps"), feasible, false, output, error));
        Assert.Contains("pump1  current  ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("margin     pump1: temperature <= 500:", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(Cli.OptimizeCliCommand.BadRequestExit, await Cli.OptimizeCliCommand.RunAsync(url, null, Cli.OptimizeCliCommand.Resource(null, "fans"), feasible, false, output, error));
        Assert.Contains("unknown group 'fans' (groups: pumps)", error.ToString(), StringComparison.Ordinal);

        // Capacity headroom and "what if we add" through the CLI: 0.6 kW per A of a 100 kW capacity.
        output.GetStringBuilder().Clear();
        Assert.Equal(0, await Cli.CapacityCliCommand.RunAsync(url, null, null, null, false, output, error));
        Assert.Matches(@"pump1  power  [0-9.]+  100  [0-9.]+  kW", output.ToString());
        output.GetStringBuilder().Clear();
        Assert.Equal(0, await Cli.CapacityCliCommand.RunAsync(url, null, "pump1", Cli.CapacityCliCommand.Body("pump1", ["current=10"], "1m"), false, output, error));
        Assert.Contains("with the addition: peak ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(": fits", output.ToString(), StringComparison.Ordinal);
        output.GetStringBuilder().Clear();
        Assert.Equal(Cli.CapacityCliCommand.DoesNotFitExit, await Cli.CapacityCliCommand.RunAsync(url, null, "pump1", Cli.CapacityCliCommand.Body("pump1", ["current=+200"], "1m"), false, output, error));
        Assert.Contains(": does not fit", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(Cli.OptimizeCliCommand.BadRequestExit, await Cli.CapacityCliCommand.RunAsync(url, null, "pump1", Cli.CapacityCliCommand.Body("pump1", ["temperature=+1"], "1m"), false, output, error));
        Assert.Contains("edgetwin capacity: 'temperature' is not an input of the dynamics model of 'pump1'", error.ToString(), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Cli.CapacityCliCommand.Body(null, ["current=+1"], "1m"));
        Assert.Throws<FormatException>(() => Cli.CapacityCliCommand.Body("pump1", ["current"], "1m"));
        Assert.True(gateway.Running, gateway.Output);
    }

    /// <summary>Every field the schema requires is in the message (keeps the committed schema true).</summary>
    private static void AssertSchemaFields(string schema, JsonElement message)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "schemas", schema)));
        foreach (var field in document.RootElement.GetProperty("required").EnumerateArray().Select(f => f.GetString()!))
        {
            Assert.True(message.TryGetProperty(field, out _), $"{schema}: '{field}' missing in {message}");
        }
    }
}
