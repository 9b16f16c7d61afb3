using System.Text.Json;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

/// <summary>
/// The whole path against independent peers: pymodbus (Debian) → the edgetwin daemon → mosquitto → a subscriber.
/// </summary>
public sealed class SpineTests : IAsyncLifetime
{
    // Register map with known values in several shapes and orders.
    //   HR0-1  float32 ABCD 21.5   = 0x41AC 0x0000
    //   HR2-3  float32 CDAB -3.25  = 0xC050 0x0000 -> words swapped 0x0000 0xC050
    //   HR4    int16 -5            = 0xFFFB
    //   HR6-7  uint32 BADC 305419896 = 0x12345678 -> bytes swapped per word 0x3412 0x7856
    //   HR8-9  int32 DCBA -2       = 0xFFFFFFFE -> little-endian words 0xFFFF 0xFFFF? (symmetric) use 100000 = 0x000186A0 -> DCBA 0xA086 0x0100
    //   IR10   uint16 1234 x 0.01  = 12.34 A
    //   coil 0 = 1, coil 1 = 0, discrete 3 = 1
    private static readonly object Map = new Dictionary<string, object>
    {
        ["holding"] = new Dictionary<string, int[]>
        {
            ["0"] = [0x41AC, 0x0000, 0x0000, 0xC050, 0xFFFB, 0, 0x3412, 0x7856, 0xA086, 0x0100],
        },
        ["input"] = new Dictionary<string, int[]> { ["10"] = [1234] },
        ["coils"] = new Dictionary<string, int[]> { ["0"] = [1, 0] },
        ["discrete"] = new Dictionary<string, int[]> { ["3"] = [1] },
    };

    private readonly TempDir _dir = new();
    private ModbusPeer _modbus = null!;
    private Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        _modbus = await ModbusPeer.StartAsync(Map);
        _broker = await Mosquitto.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _modbus.DisposeAsync();
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    private string WriteConfig(string gateway = "gw1")
    {
        var path = _dir.File(gateway + ".yaml");
        File.WriteAllText(path, $"""
            gateway:
              id: {gateway}
              site: test-site
            storage:
              path: {_dir.File(gateway + ".db")}
              commitInterval: 20ms
            mqtt:
              url: mqtt://127.0.0.1:{_broker.Port}
              topicRoot: et/v1
            http:
              enabled: false
            devices:
              - id: plc1
                modbus: {"{"} host: 127.0.0.1, port: {_modbus.Port}, unit: 1 {"}"}
                poll: 200ms
                points:
                  - {"{"} id: f_abcd, table: holding, address: 0, type: float32, order: ABCD, unit: bar {"}"}
                  - {"{"} id: f_cdab, table: holding, address: 2, type: float32, order: CDAB {"}"}
                  - {"{"} id: i16, table: holding, address: 4, type: int16 {"}"}
                  - {"{"} id: u32_badc, table: holding, address: 6, type: uint32, order: BADC {"}"}
                  - {"{"} id: i32_dcba, table: holding, address: 8, type: int32, order: DCBA {"}"}
                  - {"{"} id: amps, table: input, address: 10, type: uint16, scale: 0.01, unit: A {"}"}
                  - {"{"} id: run, table: coil, address: 0, type: bool {"}"}
                  - {"{"} id: stop, table: coil, address: 1, type: bool {"}"}
                  - {"{"} id: trip, table: discrete, address: 3, type: bool {"}"}
            assets:
              - id: pump1
                type: pump
                properties:
                  pressure: plc1/f_abcd
                  current: plc1/amps
                  running: plc1/run
            """);
        return path;
    }

    [Fact]
    public async Task Values_types_scaling_and_byte_orders_arrive_on_mqtt_with_gap_free_seq()
    {
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw1/#");
        await using var gateway = GatewayProcess.Start("run", "--config", WriteConfig());

        var telemetry = await recorder.WaitForAsync(m => m.Topic == "et/v1/gw1/telemetry/plc1", TimeSpan.FromSeconds(20), "telemetry of plc1");
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gw1/twin/pump1" && m.Json.GetProperty("status").GetString() == "synchronized", TimeSpan.FromSeconds(10), "a synchronized twin");
        var status = await recorder.WaitForAsync(m => m.Topic == "et/v1/gw1/status", TimeSpan.FromSeconds(5), "status");
        await Task.Delay(1500);

        var json = telemetry.Json;
        Assert.Equal("plc1", json.GetProperty("device").GetString());
        var samples = json.GetProperty("samples").EnumerateArray().ToDictionary(s => s.GetProperty("point").GetString()!, s => s);
        Assert.Equal(9, samples.Count);
        Assert.All(samples.Values, s => Assert.Equal("good", s.GetProperty("quality").GetString()));
        Assert.Equal(21.5, samples["f_abcd"].GetProperty("value").GetDouble());
        Assert.Equal(-3.25, samples["f_cdab"].GetProperty("value").GetDouble());
        Assert.Equal(-5, samples["i16"].GetProperty("value").GetDouble());
        Assert.Equal(305419896, samples["u32_badc"].GetProperty("value").GetDouble());
        Assert.Equal(100000, samples["i32_dcba"].GetProperty("value").GetDouble());
        Assert.Equal(12.34, samples["amps"].GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.True, samples["run"].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.False, samples["stop"].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.True, samples["trip"].GetProperty("value").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", samples["amps"].GetProperty("ts").GetString());

        Assert.True(status.Retain || status.Json.GetProperty("online").GetBoolean());
        Assert.True(status.Json.GetProperty("online").GetBoolean());

        var twin = recorder.Messages.Last(m => m.Topic == "et/v1/gw1/twin/pump1").Json;
        Assert.Equal(12.34, twin.GetProperty("properties").GetProperty("current").GetProperty("value").GetDouble());
        Assert.Equal("A", twin.GetProperty("properties").GetProperty("current").GetProperty("unit").GetString());

        // Every outbox message carries seq: gap-free from 1, each number with one payload only.
        var seqs = recorder.Messages.Where(m => !m.Topic.EndsWith("/status", StringComparison.Ordinal))
            .Select(m => (Seq: m.Json.GetProperty("seq").GetInt64(), m.Text)).ToList();
        Assert.All(seqs.GroupBy(s => s.Seq), g => Assert.Single(g.Select(x => x.Text).Distinct()));
        var distinct = seqs.Select(s => s.Seq).Distinct().Order().ToList();
        Assert.Equal(1, distinct[0]);
        Assert.Equal(Enumerable.Range(1, distinct.Count).Select(i => (long)i), distinct);
        Assert.True(distinct.Count >= 3);
    }

    [Fact]
    public async Task Sigkill_and_restart_continue_seq_without_reuse_and_sigterm_goes_offline_cleanly()
    {
        var config = WriteConfig("gw2");
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw2/#");

        await using (var first = GatewayProcess.Start("run", "--config", config))
        {
            await recorder.WaitForAsync(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal) && m.Json.GetProperty("seq").GetInt64() >= 5, TimeSpan.FromSeconds(20), "seq 5");
            await first.KillAsync();
        }

        var before = recorder.Messages.Where(m => !m.Topic.EndsWith("/status", StringComparison.Ordinal)).Select(m => m.Json.GetProperty("seq").GetInt64()).Max();
        await using var second = GatewayProcess.Start("run", "--config", config);
        await recorder.WaitForAsync(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal) && m.Json.GetProperty("seq").GetInt64() > before + 3, TimeSpan.FromSeconds(20), "seq after restart");

        var exit = await second.TerminateAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, exit);
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gw2/status" && !m.Json.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(5), "offline status");

        // No seq was ever used for two different payloads, and nothing committed went missing: gap-free from 1.
        // A message sent again from the backlog after the restart carries "backfill":true and is otherwise the same.
        var seqs = recorder.Messages.Where(m => !m.Topic.EndsWith("/status", StringComparison.Ordinal))
            .Select(m => (Seq: m.Json.GetProperty("seq").GetInt64(), Text: m.Text.Replace("{\"backfill\":true,", "{", StringComparison.Ordinal))).ToList();
        Assert.All(seqs.GroupBy(s => s.Seq), g => Assert.Single(g.Select(x => x.Text).Distinct()));
        var distinct = seqs.Select(s => s.Seq).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, distinct.Count).Select(i => (long)i), distinct);
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_database_is_refused_and_the_first_keeps_its_store_and_publishing()
    {
        // A technician's `edgetwin run` beside the running service: the same configuration, the same storage.path.
        var config = WriteConfig("gw3");
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/gw3/#");
        await using var first = GatewayProcess.Start("run", "--config", config);
        await recorder.WaitForAsync(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal) && m.Json.GetProperty("seq").GetInt64() >= 3, TimeSpan.FromSeconds(20), "seq 3");

        var (exit, output) = await GatewayProcess.RunToEndAsync("run", "--config", config);

        Assert.Equal(1, exit);
        Assert.Contains($"{config}: storage.path {_dir.File("gw3.db")} is in use by process {first.Id} (it holds {_dir.File("gw3.db")}.lock)", output, StringComparison.Ordinal);
        Assert.True(first.Running, first.Output);
        var seen = recorder.Messages.Where(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal)).Max(m => m.Json.GetProperty("seq").GetInt64());
        await recorder.WaitForAsync(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal) && m.Json.GetProperty("seq").GetInt64() > seen + 3, TimeSpan.FromSeconds(20), "the first gateway's telemetry after the refusal");
        Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain("corrupt", first.Output, StringComparison.OrdinalIgnoreCase);

        // The store the second one was refused is whole: the first starts again on it, without moving it aside, and
        // continues its seq.
        await using var again = GatewayProcess.Start("run", "--config", config);
        var last = recorder.Messages.Where(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal)).Max(m => m.Json.GetProperty("seq").GetInt64());
        await recorder.WaitForAsync(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal) && m.Json.GetProperty("seq").GetInt64() > last, TimeSpan.FromSeconds(20), "seq after the restart");
        Assert.Equal(0, await again.TerminateAsync(TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain("corrupt", again.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(_dir.Path, "gw3.db.corrupt-*"));
    }
}
