using System.Text;
using System.Text.Json;
using EdgeTwin.Core.Samples;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Commands;

/// <summary>
/// The <c>optimize</c> command for a configured group, through the command router (the way MQTT and HTTP requests
/// come in), on two rooms whose dynamics the twin identified from data: room 1 settles at its set-point + 2 K, room 2
/// at its set-point + 4 K, 0.5 kW of cooling per K below 35 °C each; "minimize power, temperature &lt;= 27" is 25 and 23 °C.
/// </summary>
public sealed class OptimizeGroupCommandTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly TempDir _dir = new();
    private readonly Outbox _outbox;
    private readonly GatewayRuntime _rt;
    private readonly CommandRouter _router;

    public OptimizeGroupCommandTests()
    {
        var config = ConfigLoader.Parse($$"""
            gateway: { id: gw-opt }
            storage: { path: {{_dir.File("gw.db")}} }
            devices:
              - id: plc1
                modbus: { host: 127.0.0.1, port: 1502 }
                poll: 10s
                points:
                  - { id: t1, table: holding, address: 0, type: float32 }
                  - { id: sp1, table: holding, address: 2, type: float32, writable: true, min: 15, max: 30 }
                  - { id: t2, table: holding, address: 4, type: float32 }
                  - { id: sp2, table: holding, address: 6, type: float32 }
            assets:
              - id: chiller1
                properties: { temperature: plc1/t1, setpoint: plc1/sp1 }
                derived: { power: { formula: "0.5 * (35 - setpoint)", unit: kW } }
                dynamics: { inputs: [setpoint], outputs: [temperature], step: 10s }
              - id: chiller2
                properties: { temperature: plc1/t2, setpoint: plc1/sp2 }
                derived: { power: { formula: "0.5 * (35 - setpoint)", unit: kW } }
                dynamics: { inputs: [setpoint], outputs: [temperature], step: 10s }
            groups:
              chillers: [chiller1, chiller2]
            """, "gw.yaml");
        _outbox = Outbox.Open(new OutboxOptions { Path = _dir.File("outbox.db") }, NullLogger.Instance);
        _rt = new GatewayRuntime(config, _outbox, [], TimeProvider.System);
        _router = new CommandRouter([new OptimizeCommand(_rt)], NullLogger<CommandRouter>.Instance, TimeProvider.System);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _dir.Dispose();
    }

    /// <summary>Feeds <paramref name="steps"/> 10 s steps of excited set-points, back at 22 °C for the last 100.</summary>
    private void Run(int steps)
    {
        foreach (var (time, values) in TwoRoomPlant.Steps(T0, steps))
        {
            var batch = SampleBatch.Rent(0, time, values.Length);
            for (var point = 0; point < values.Length; point++)
            {
                batch.Add(new Sample(point, time, values[point], Quality.Good));
            }

            _rt.Twin.Apply(batch);
            batch.Return();
        }
    }

    private async Task<JsonElement> Request(string body)
    {
        var answer = await _router.DispatchAsync(new CommandEnvelope("optimize", null, Encoding.UTF8.GetBytes(body), "operator-anna", "mqtt5"));
        return JsonDocument.Parse(answer).RootElement;
    }

    private static string Error(JsonElement answer) => answer.GetProperty("error").GetProperty("code").GetString()!;

    [Fact]
    public async Task A_configured_group_is_answered_per_asset_and_bad_groups_say_why()
    {
        const string Problem = "\"decision\":{\"setpoint\":[15,30]},\"objective\":\"minimize power\",\"constraints\":[\"temperature <= 27\"],\"horizon\":\"1h\"";
        var early = await Request("{\"group\":\"chillers\"," + Problem + "}");
        Assert.Equal("not-ready", Error(early));
        Assert.Contains("no identified dynamics yet", early.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        Run(1500);
        var answer = await Request("{\"group\":\"chillers\"," + Problem + "}");
        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        var result = answer.GetProperty("result");
        AssertSchemaFields("optimize-group-result.schema.json", result);
        Assert.Equal("chillers", result.GetProperty("group").GetString());
        Assert.True(result.GetProperty("feasible").GetBoolean(), result.ToString());
        Assert.Equal(25, result.GetProperty("setpoints").GetProperty("chiller1").GetProperty("setpoint").GetDouble(), 0.3);
        Assert.Equal(23, result.GetProperty("setpoints").GetProperty("chiller2").GetProperty("setpoint").GetDouble(), 0.3);
        Assert.Equal(22, result.GetProperty("current").GetProperty("chiller2").GetProperty("setpoint").GetDouble(), 0.01);
        Assert.Equal(13, result.GetProperty("objective").GetProperty("current").GetDouble(), 0.01);
        var apply = result.GetProperty("apply").EnumerateArray().Select(a => (a.GetProperty("asset").GetString(), a.GetProperty("point").GetString(), a.GetProperty("writable").GetBoolean())).ToList();
        Assert.Equal([("chiller1", "plc1/sp1", true), ("chiller2", "plc1/sp2", false)], apply);
        Assert.Equal(["chiller1: temperature <= 27", "chiller2: temperature <= 27"], result.GetProperty("margins").EnumerateArray().Select(m => m.GetProperty("constraint").GetString()));
        foreach (var asset in new[] { "chiller1", "chiller2" })
        {
            var temperatures = result.GetProperty("trajectories").GetProperty(asset).GetProperty("outputs").GetProperty("temperature").EnumerateArray().Select(x => x.GetDouble()).ToList();
            Assert.Equal(360, temperatures.Count);
            Assert.All(temperatures, t => Assert.True(t <= 27, $"{asset}: {t}"));
            Assert.Equal(JsonValueKind.Object, result.GetProperty("baselines").GetProperty(asset).GetProperty("outputs").ValueKind);
        }

        // An inline list, an unknown group or asset, two targets at once.
        var inline = await Request("{\"assets\":[\"chiller2\"]," + Problem + "}");
        Assert.True(inline.GetProperty("ok").GetBoolean(), inline.ToString());
        Assert.Equal(JsonValueKind.Null, inline.GetProperty("result").GetProperty("group").ValueKind);
        Assert.Equal(23, inline.GetProperty("result").GetProperty("setpoints").GetProperty("chiller2").GetProperty("setpoint").GetDouble(), 0.3);
        var unknown = await Request("{\"group\":\"boilers\"," + Problem + "}");
        Assert.Equal("not-found", Error(unknown));
        Assert.Equal("unknown group 'boilers' (groups: chillers)", unknown.GetProperty("error").GetProperty("message").GetString());
        var missing = await Request("{\"assets\":[\"chiller1\",\"chiller7\"]," + Problem + "}");
        Assert.Equal("not-found", Error(missing));
        Assert.Contains("unknown asset 'chiller7'", missing.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad-request", Error(await Request("{\"asset\":\"chiller1\",\"group\":\"chillers\"," + Problem + "}")));
        Assert.Equal("bad-request", Error(await Request("{\"assets\":\"chiller1\"," + Problem + "}")));
        var notInput = await Request("{\"group\":\"chillers\",\"decision\":{\"temperature\":[0,1]},\"objective\":\"minimize power\"}");
        Assert.Equal("bad-request", Error(notInput));
        Assert.Contains("not an input of the dynamics model of any asset of group 'chillers'", notInput.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
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
