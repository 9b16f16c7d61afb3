using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// Commands from the platform over a real mosquitto: MQTT 5 request/response and the 3.1.1 fallback, errors for
/// everything malformed, and writes that reach (or, denied, do not reach) the pymodbus server, checked with mbpoll,
/// with the audit trail in LiteDB and on the events topic.
/// </summary>
public sealed partial class CommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ModbusPeer _modbus = null!;
    private Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        _modbus = await ModbusPeer.StartAsync(UplinkGatewayConfig.Map);
        _broker = await Mosquitto.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _modbus.DisposeAsync();
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Commands_are_answered_and_writes_are_allow_listed_bounded_rate_limited_and_audited()
    {
        var config = UplinkGatewayConfig.Write(_dir.Path, "gwc", _broker.Port, _modbus.Port, devices: 1, poll: "200ms");
        var started = DateTime.UtcNow;
        await using var recorder = await SessionRecorder.StartAsync(_broker.Port, "et/v1/gwc/#");
        await using var gateway = GatewayProcess.Start("run", "--config", config);
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gwc/status" && m.Arrived > started && m.Json.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(20), "online").Explained(gateway);
        await using var v5 = await CommandClient.ConnectAsync(_broker.Port, "et/v1/gwc");
        await using var v3 = await CommandClient.ConnectAsync(_broker.Port, "et/v1/gwc", v5: false);

        // ping over MQTT 5 (response topic + correlation data) and over 3.1.1 (request id in the topic).
        var ping = await v5.RequestAsync("ping", "");
        Assert.True(ping.GetProperty("ok").GetBoolean(), ping.ToString());
        Assert.Equal("ping", ping.GetProperty("command").GetString());
        Assert.Equal("gwc", ping.GetProperty("result").GetProperty("gateway").GetString());
        var commands = ping.GetProperty("result").GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "ping", "status", "write", "reload-config" }, commands.ToHashSet());
        var ping3 = await v3.RequestAsync("ping", "{}");
        Assert.True(ping3.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.String, ping3.GetProperty("requestId").ValueKind);

        var status = await v5.RequestAsync("status", "{}");
        Assert.Equal("gwc", status.GetProperty("result").GetProperty("status").GetProperty("gateway").GetString());

        // Malformed and unknown requests: an error answer each, and the gateway carries on.
        Assert.Equal("unknown-command", Error(await v5.RequestAsync("reboot", "{}")));
        Assert.Equal("bad-request", Error(await v5.RequestAsync("write", "{not json")));
        Assert.Equal("bad-request", Error(await v5.RequestAsync("write", "[1,2]")));
        Assert.Equal("bad-request", Error(await v5.RequestAsync("write", """{"value":1}""")));
        Assert.Equal("bad-request", Error(await v5.RequestAsync("write", """{"point":"plc1/nope","value":1}""")));
        Assert.Equal("bad-request", Error(await v5.RequestAsync("write", """{"point":"plc1/speed","value":"fast"}""")));
        Assert.Equal("bad-topic", Error(await v5.RequestAsync("write/extra/level", "{}")));

        // Allowed: within min/max of a writable point; the PLC has it (speed x0.1 -> register 425).
        var write = await v5.RequestAsync("write", """{"point":"plc1/speed","value":42.5}""");
        Assert.True(write.GetProperty("ok").GetBoolean(), write.ToString());
        Assert.True(write.GetProperty("result").GetProperty("written").GetBoolean());
        Assert.Equal(425, await ReadAsync(4, 20));

        // Denied: too soon again (minWriteInterval 1 s), above max, not writable; the PLC keeps its values.
        Assert.Equal("denied", Error(await v5.RequestAsync("write", """{"point":"plc1/speed","value":10}""")));
        Assert.Equal("denied", Error(await v5.RequestAsync("write", """{"point":"plc1/speed","value":95}""")));
        Assert.Equal("denied", Error(await v5.RequestAsync("write", """{"point":"plc1/limit","value":5}""")));
        Assert.Equal(425, await ReadAsync(4, 20));
        Assert.Equal(777, await ReadAsync(4, 21));

        // A boolean point over 3.1.1.
        var fan = await v3.RequestAsync("write", """{"point":"plc1/fan","value":true}""");
        Assert.True(fan.GetProperty("ok").GetBoolean(), fan.ToString());
        Assert.Equal(1, await ReadAsync(0, 5));

        // reload-config checks the file first: a broken file is refused with its errors and nothing changes.
        var good = await File.ReadAllTextAsync(config);
        await File.WriteAllTextAsync(config, good.Replace("topicRoot: et/v1", "topicRoot: et/v1\n  colour: blue", StringComparison.Ordinal));
        var reload = await v5.RequestAsync("reload-config", "{}");
        Assert.Equal("invalid-config", Error(reload));
        Assert.Contains("mqtt.colour: unknown key", reload.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, good);
        Assert.True((await v5.RequestAsync("ping", "{}")).GetProperty("ok").GetBoolean());

        // Every write attempt is an event, with who asked (the MQTT 5 user property) and the outcome.
        // (Requests that never name a point, or are not JSON, are answered before they become write attempts.)
        var events = await WaitForWriteEventsAsync(recorder, 7);
        Assert.Equal(
            new[] { ("plc1/nope", "denied"), ("plc1/speed", "denied"), ("plc1/speed", "ok"), ("plc1/speed", "denied"), ("plc1/speed", "denied"), ("plc1/limit", "denied"), ("plc1/fan", "ok") },
            events.Select(e => (e.GetProperty("point").GetString()!, e.GetProperty("result").GetString()!)));
        var allowed = events.First(e => e.GetProperty("result").GetString() == "ok");
        Assert.Equal("operator-anna", allowed.GetProperty("who").GetString());
        Assert.Equal("plc1/speed", allowed.GetProperty("point").GetString());

        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(" fail: ", gateway.Output, StringComparison.Ordinal);

        // The audit log in the gateway's database holds the same attempts.
        using var db = UplinkGatewayConfig.OpenDatabase(_dir.Path, "gwc");
        var audit = db.Audit.Recent();
        Assert.Equal(events.Count, audit.Count);
        var speed = audit.Where(a => a.Target == "plc1/speed").ToList();
        Assert.Equal(new[] { "denied", "ok", "denied", "denied" }, speed.Select(a => a.Result));
        Assert.Equal("42.5", speed[1].Value);
        Assert.Contains("written less than 1 s ago", speed[2].Reason, StringComparison.Ordinal);
        Assert.Contains("above the maximum 80", speed[3].Reason, StringComparison.Ordinal);
        Assert.Contains("not writable", audit.Single(a => a.Target == "plc1/limit").Reason, StringComparison.Ordinal);
        Assert.All(audit, a => Assert.Equal(a.Target == "plc1/fan" ? "unknown" : "operator-anna", a.Who));
    }

    private static string? Error(JsonElement answer)
    {
        Assert.False(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        var message = answer.GetProperty("error").GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return answer.GetProperty("error").GetProperty("code").GetString();
    }

    private static async Task<List<JsonElement>> WaitForWriteEventsAsync(SessionRecorder recorder, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var events = recorder.Messages.Where(m => m.Topic == "et/v1/gwc/events").Select(m => m.Json)
                .Where(e => e.GetProperty("type").GetString() == "write").DistinctBy(e => e.GetProperty("seq").GetInt64()).ToList();
            if (events.Count >= count || DateTime.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads one register (-t 4) or coil (-t 0) with mbpoll, independently of the gateway.</summary>
    private async Task<int> ReadAsync(int table, int address)
    {
        var mbpoll = PeerProcess.Resolve("mbpoll") ?? throw new InvalidOperationException("mbpoll is not installed: run tests/run.sh");
        var info = new ProcessStartInfo(mbpoll) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-o", "5", "-m", "tcp", "-a", "1", "-t", table.ToString(CultureInfo.InvariantCulture), "-r", address.ToString(CultureInfo.InvariantCulture), "-0", "-c", "1", "-1", "127.0.0.1", "-p", _modbus.Port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RegisterLine().Match(output);
        Assert.True(match.Success && match.Groups[1].Value == address.ToString(CultureInfo.InvariantCulture), output);
        return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\[(\d+)\]:\s+(-?\d+)")]
    private static partial Regex RegisterLine();
}
