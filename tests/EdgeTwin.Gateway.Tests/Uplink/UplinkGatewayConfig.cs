using System.Globalization;
using System.Text.Json;
using EdgeTwin.Storage;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>Configurations of the gateway for the uplink tests: devices polling one pymodbus peer fast.</summary>
internal static class UplinkGatewayConfig
{
    /// <summary>Register map of the peer: HR0-3 float32s, HR20 speed set-point (x0.1), HR21 a read-only limit, coil 5.</summary>
    public static readonly object Map = new Dictionary<string, object>
    {
        ["holding"] = new Dictionary<string, int[]>
        {
            ["0"] = [0x41AC, 0x0000, 0x4120, 0x0000],
            ["20"] = [500, 777],
        },
        ["input"] = new Dictionary<string, int[]> { ["10"] = [1234, 42] },
        ["coils"] = new Dictionary<string, int[]> { ["0"] = [1, 0, 0, 0, 0, 0] },
    };

    /// <summary>
    /// A gateway with <paramref name="devices"/> devices (plc1, plc2, ...) on the peer, each polled every
    /// <paramref name="poll"/> with every sample published (no deadband), and an asset on plc1.
    /// </summary>
    public static string Write(string dir, string gateway, int brokerPort, int modbusPort, int devices = 2, string poll = "50ms",
        string mqttExtra = "", string storageExtra = "", string scheme = "mqtt")
    {
        var yaml = new System.Text.StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            gateway:
              id: {gateway}
              site: test-site
            http:
              enabled: false
            storage:
              path: {Path.Combine(dir, gateway + ".db")}
              commitInterval: 20ms
            {Indent(storageExtra)}
            mqtt:
              url: {scheme}://127.0.0.1:{brokerPort}
              topicRoot: et/v1
              maxBackoff: 1s
            {Indent(mqttExtra)}
            devices:

            """);
        for (var d = 1; d <= devices; d++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  - id: plc{{d}}
                    modbus: { host: 127.0.0.1, port: {{modbusPort}}, unit: 1 }
                    poll: {{poll}}
                    timeout: 500ms
                    maxBackoff: 1s
                    points:
                      - { id: pressure, table: holding, address: 0, type: float32, unit: bar }
                      - { id: temperature, table: holding, address: 2, type: float32 }
                      - { id: amps, table: input, address: 10, type: uint16, scale: 0.01, unit: A }
                      - { id: hours, table: input, address: 11, type: uint16 }
                      - { id: running, table: coil, address: 0, type: bool }
                      - { id: speed, table: holding, address: 20, type: uint16, scale: 0.1, unit: "%", writable: true, min: 0, max: 80, minWriteInterval: 1s }
                      - { id: limit, table: holding, address: 21, type: uint16 }
                      - { id: fan, table: coil, address: 5, type: bool, writable: true }

                """);
        }

        yaml.Append("""
            assets:
              - id: pump1
                type: pump
                properties:
                  pressure: plc1/pressure
                  current: plc1/amps

            """);
        var path = Path.Combine(dir, gateway + ".yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    /// <summary>The payload without the backfill mark, to compare a redelivery with the first delivery.</summary>
    public static string WithoutMark(string payload) =>
        payload.StartsWith("{\"backfill\":true,", StringComparison.Ordinal) ? "{" + payload["{\"backfill\":true,".Length..] : payload;

    /// <summary>Opens the gateway's database after it stopped, read-only in spirit (nothing is added).</summary>
    public static Outbox OpenDatabase(string dir, string gateway) =>
        Outbox.Open(new OutboxOptions { Path = Path.Combine(dir, gateway + ".db") }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Seq of a JSON message, or null (status).</summary>
    public static long? Seq(SessionRecorder.Message m) =>
        m.Payload.Length > 0 && m.Payload[0] == (byte)'{' && m.Json.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number ? seq.GetInt64() : null;

    private static string Indent(string block) =>
        string.Join("\n", block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l.Trim()));
}
