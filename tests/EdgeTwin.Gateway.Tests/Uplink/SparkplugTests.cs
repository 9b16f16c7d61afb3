using System.Globalization;
using System.Text.Json;
using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;
using MQTTnet;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// <c>payload: sparkplug</c> end to end: pymodbus → the daemon → mosquitto → every payload decoded by the Eclipse
/// Tahu reference library (npm sparkplug-payload, tests/peers/sparkplug_decode.js).
/// </summary>
public sealed class SparkplugTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly int _modbusPort = FreePort.Next();
    private PeerProcess? _modbus;
    private Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_dir.File("map.json"), JsonSerializer.Serialize(UplinkGatewayConfig.Map));
        await StartModbusAsync();
        _broker = await Mosquitto.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_modbus is not null)
        {
            await _modbus.DisposeAsync();
        }

        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Births_data_rebirth_device_death_and_node_death_decode_with_the_reference_library()
    {
        var config = UplinkGatewayConfig.Write(_dir.Path, "gws", _broker.Port, _modbusPort, poll: "200ms", mqttExtra: "payload: sparkplug\ngroup: grp1");
        await using var recorder = await SessionRecorder.StartAsync(_broker.Port, "spBv1.0/#");
        await using var gateway = GatewayProcess.Start("run", "--config", config);

        await recorder.WaitForAsync(m => m.Topic == "spBv1.0/grp1/DBIRTH/gws/plc2", TimeSpan.FromSeconds(20), "DBIRTH of plc2").Explained(gateway);
        await recorder.WaitForAsync(m => m.Topic == "spBv1.0/grp1/DDATA/gws/plc1", TimeSpan.FromSeconds(10), "DDATA of plc1").Explained(gateway);

        // Rebirth on request (the NCMD encoded by the reference library).
        var rebirth = Convert.FromHexString(await EncodeAsync("""{"timestamp":1700000000000,"metrics":[{"name":"Node Control/Rebirth","type":"Boolean","value":true}]}"""));
        using (var platform = new MqttClientFactory().CreateMqttClient())
        {
            await platform.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).Build());
            await platform.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("spBv1.0/grp1/NCMD/gws").WithPayload(rebirth).Build());
        }

        await WaitForCountAsync(recorder, "spBv1.0/grp1/NBIRTH/gws", 2);

        // The devices' PLC goes away: DDEATH for both; it comes back: DBIRTH again.
        await _modbus!.KillAsync();
        await recorder.WaitForAsync(m => m.Topic == "spBv1.0/grp1/DDEATH/gws/plc1", TimeSpan.FromSeconds(15), "DDEATH of plc1").Explained(gateway);
        await StartModbusAsync();
        await WaitForCountAsync(recorder, "spBv1.0/grp1/DBIRTH/gws/plc1", 3);
        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));
        await recorder.WaitForAsync(m => m.Topic == "spBv1.0/grp1/NDEATH/gws", TimeSpan.FromSeconds(5), "NDEATH").Explained(gateway);

        // What the edge node published (the recorder also saw the NCMD sent above).
        string[] published = ["NBIRTH", "NDATA", "NDEATH", "DBIRTH", "DDATA", "DDEATH"];
        var messages = recorder.Messages.Where(m => m.Topic.StartsWith("spBv1.0/grp1/", StringComparison.Ordinal) && published.Contains(m.Topic.Split('/')[2])).ToList();
        var decoded = await DecodeAsync(messages);
        Assert.All(decoded, d => Assert.False(d.TryGetProperty("error", out var e), e.ToString()));
        var payloads = decoded.Select(d => d.GetProperty("payload")).ToList();
        var kinds = messages.Select(m => m.Topic.Split('/')[2]).ToList();

        // NBIRTH: seq 0, bdSeq (Int64) and the rebirth control; NDEATH repeats the session's bdSeq, without seq.
        var nbirths = Enumerable.Range(0, messages.Count).Where(i => kinds[i] == "NBIRTH").ToList();
        var bdSeq = Metric(payloads[nbirths[0]], "bdSeq");
        Assert.Equal("Int64", bdSeq.GetProperty("type").GetString());
        Assert.All(nbirths, i => Assert.Equal("0", payloads[i].GetProperty("seq").GetString()));
        Assert.All(nbirths, i => Assert.Equal(bdSeq.GetProperty("value").GetString(), Metric(payloads[i], "bdSeq").GetProperty("value").GetString()));
        Assert.False(Metric(payloads[nbirths[0]], "Node Control/Rebirth").GetProperty("value").GetBoolean());
        var ndeath = payloads[kinds.LastIndexOf("NDEATH")];
        Assert.False(ndeath.TryGetProperty("seq", out _));
        Assert.Equal(bdSeq.GetProperty("value").GetString(), Metric(ndeath, "bdSeq").GetProperty("value").GetString());

        // DBIRTH: every point with name, alias and the exact datatype; the values the PLC holds.
        var dbirth = payloads[kinds.IndexOf("DBIRTH")];
        Assert.Equal("spBv1.0/grp1/DBIRTH/gws/plc1", messages[kinds.IndexOf("DBIRTH")].Topic);
        var expected = new Dictionary<string, (string Type, string Alias)>
        {
            ["pressure"] = ("Float", "1"), ["temperature"] = ("Float", "2"), ["amps"] = ("Double", "3"), ["hours"] = ("UInt16", "4"),
            ["running"] = ("Boolean", "5"), ["speed"] = ("Double", "6"), ["limit"] = ("UInt16", "7"), ["fan"] = ("Boolean", "8"),
        };
        foreach (var (name, (type, alias)) in expected)
        {
            var metric = Metric(dbirth, name);
            Assert.Equal((type, alias), (metric.GetProperty("type").GetString(), metric.GetProperty("alias").GetString()));
        }

        Assert.Equal(21.5, Metric(dbirth, "pressure").GetProperty("value").GetDouble());
        Assert.Equal(12.34, Metric(dbirth, "amps").GetProperty("value").GetDouble());
        Assert.Equal(42, Metric(dbirth, "hours").GetProperty("value").GetInt32());
        Assert.True(Metric(dbirth, "running").GetProperty("value").GetBoolean());
        Assert.Equal(777, Metric(dbirth, "limit").GetProperty("value").GetInt32());
        Assert.Equal("bar", Metric(dbirth, "pressure").GetProperty("properties").GetProperty("engUnit").GetProperty("value").GetString());

        // DDATA: aliases only, datatype and timestamp per metric.
        var ddata = payloads[kinds.IndexOf("DDATA")];
        Assert.All(ddata.GetProperty("metrics").EnumerateArray(), m =>
        {
            Assert.False(m.TryGetProperty("name", out _));
            Assert.True(m.TryGetProperty("alias", out _));
            Assert.True(m.TryGetProperty("timestamp", out _));
        });

        // seq counts every message of a session 0, 1, 2, ... (mod 256), from each NBIRTH on; NDEATH has none.
        long? previous = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (kinds[i] == "NDEATH")
            {
                continue;
            }

            Assert.True(payloads[i].TryGetProperty("seq", out var seqText), $"{messages[i].Topic} has no seq: {payloads[i]}");
            var seq = long.Parse(seqText.GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(seq, 0, 255);
            if (kinds[i] == "NBIRTH")
            {
                Assert.Equal(0, seq);
            }
            else
            {
                Assert.Equal((previous!.Value + 1) % 256, seq);
            }

            previous = seq;
        }

        // DDEATH came only after plc1 had been born, and plc1 was born again before its next DDATA.
        var death = kinds.IndexOf("DDEATH");
        var rebornAt = messages.FindIndex(death, m => m.Topic == "spBv1.0/grp1/DBIRTH/gws/plc1");
        Assert.True(rebornAt > death);
        Assert.DoesNotContain(messages.Skip(death).Take(rebornAt - death), m => m.Topic == "spBv1.0/grp1/DDATA/gws/plc1");
    }

    private static JsonElement Metric(JsonElement payload, string name) =>
        payload.GetProperty("metrics").EnumerateArray().Single(m => m.TryGetProperty("name", out var n) && n.GetString() == name);

    private static async Task WaitForCountAsync(SessionRecorder recorder, string topic, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (recorder.Messages.Count(m => m.Topic == topic) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} messages on {topic}");
            await Task.Delay(50);
        }
    }

    private async Task StartModbusAsync()
    {
        if (_modbus is not null)
        {
            await _modbus.DisposeAsync();
        }

        _modbus = PeerProcess.Start("/usr/bin/python3", [Path.Combine(RepoPaths.Peers, "gateway_modbus_server.py"), _modbusPort.ToString(CultureInfo.InvariantCulture), _dir.File("map.json")]);
        await _modbus.WaitForOutputAsync("READY", TimeSpan.FromSeconds(15));
    }

    private static async Task<string> EncodeAsync(string json)
    {
        var (exit, output, errors) = await NodeScript.RunAsync("sparkplug_encode.js", json);
        Assert.True(exit == 0, errors);
        return output.Trim();
    }

    private async Task<List<JsonElement>> DecodeAsync(IReadOnlyList<SessionRecorder.Message> messages)
    {
        var files = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            var file = _dir.File($"payload-{i:D5}.bin");
            await File.WriteAllBytesAsync(file, messages[i].Payload);
            files.Add(file);
        }

        var (exit, output, errors) = await NodeScript.RunAsync("sparkplug_decode.js", [.. files]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.True(exit == 0, errors + output[..Math.Min(2000, output.Length)]);
        Assert.Equal(files.Count, lines.Count);
        return lines;
    }
}
