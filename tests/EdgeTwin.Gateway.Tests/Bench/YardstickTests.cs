using EdgeTwin.Testing;
using Xunit;

namespace EdgeTwin.Gateway.Tests.Bench;

/// <summary>
/// The yardstick of the Node-RED side by side (tests/bench/nodered/floor.c) does the job the ratios assume: it reads
/// every point from the independent pymodbus server, publishes one message of the gateway's shape per device and poll
/// with QoS 1, and with a file stores the messages before it publishes them. Without that, "the most any gateway could
/// be ahead of Node-RED" would measure a program doing less than the job.
/// </summary>
public sealed class YardstickTests
{
    [Fact]
    public async Task The_yardstick_reads_every_point_stores_the_messages_and_publishes_one_per_device_and_poll()
    {
        using var dir = new TempDir();
        var floor = await CompileAsync(dir);
        await using var broker = await Mosquitto.StartAsync();
        var modbusPort = FreePort.Next();
        // 70 uint32 points: 140 registers, two reads (62 and 8 points) as in the job's planning.
        await using var server = PeerProcess.Start("/usr/bin/python3", [RepoPaths.Root + "/tests/bench/modbus_time_server.py", Invariant(modbusPort), "140", "100"]);
        await server.WaitForOutputAsync("READY", TimeSpan.FromSeconds(20));
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "yard/#");

        var ring = dir.File("ring");
        await using (var yardstick = PeerProcess.Start(floor, [Invariant(modbusPort), Invariant(broker.Port), "2", "70", "100", "yard", ring]))
        {
            foreach (var device in new[] { "d000", "d001" })
            {
                await recorder.WaitForAsync(m => m.Topic == "yard/telemetry/" + device, TimeSpan.FromSeconds(10), device + "'s telemetry (" + yardstick.Output + ")");
            }

            await Task.Delay(300);
            Assert.True(yardstick.Running, yardstick.Output);
        }

        var nowMs = (uint)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() & 0xFFFFFFFF);
        var messages = recorder.Messages;
        Assert.All(messages, m => Assert.Matches("^yard/telemetry/d00[01]$", m.Topic));
        var stored = await File.ReadAllBytesAsync(ring);
        foreach (var message in messages)
        {
            var json = message.Json;
            Assert.Equal(message.Topic[^4..], json.GetProperty("device").GetString());
            var samples = json.GetProperty("samples").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 70).Select(i => $"p{i:D4}"), samples.Select(s => s.GetProperty("point").GetString()));
            Assert.All(samples, s => Assert.Equal("good", s.GetProperty("quality").GetString()));
            // The server writes its clock (Unix ms, uint32 ABCD) into every register pair: a value read came from it.
            Assert.All(samples, s => Assert.InRange(unchecked(nowMs - s.GetProperty("value").GetUInt32()), 0u, 30_000u));
            Assert.True(Contains(stored, message.Payload), "a published message is not in the file it was stored in first");
        }
    }

    [Fact]
    public async Task The_yardstick_stops_with_the_reason_when_a_peer_is_missing()
    {
        using var dir = new TempDir();
        var floor = await CompileAsync(dir);
        await using var broker = await Mosquitto.StartAsync();
        await using var yardstick = PeerProcess.Start(floor, [Invariant(FreePort.Next()), Invariant(broker.Port), "1", "10", "100", "yard"]);

        Assert.Equal(1, await yardstick.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("floor: connect: Connection refused", yardstick.Output, StringComparison.Ordinal);
    }

    private static async Task<string> CompileAsync(TempDir dir)
    {
        var output = dir.File("floor");
        await using var gcc = PeerProcess.Start("gcc", ["-O2", "-Wall", "-Wextra", "-Werror", "-o", output, RepoPaths.Root + "/tests/bench/nodered/floor.c"]);
        Assert.True(await gcc.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, "gcc: " + gcc.Output);
        return output;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
