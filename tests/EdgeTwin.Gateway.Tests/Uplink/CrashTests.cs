using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// The daemon SIGKILLed 20 times at random moments while two devices are polled every 20 ms: every message the outbox
/// committed arrives (seq gap-free, one content per seq), the database is never corrupt, and nothing is left behind.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Kills = 20;
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
    public async Task Twenty_sigkills_under_load_lose_no_committed_message_and_never_corrupt_the_database()
    {
        var config = UplinkGatewayConfig.Write(_dir.Path, "gwk", _broker.Port, _modbus.Port, poll: "20ms");
        await using var recorder = await SessionRecorder.StartAsync(_broker.Port, "et/v1/gwk/#");
        var random = new Random(20261123);
        var outputs = new List<string>();
        var killedWithData = 0;
        for (var i = 0; i < Kills; i++)
        {
            var seen = recorder.Messages.Count;
            await using var gateway = GatewayProcess.Start("run", "--config", config);

            // Every other kill lands at a random moment of start-up (runtime, database open, first poll); the others
            // once the run is publishing under load, a random moment later. A busy machine only stretches the waits.
            if (i % 2 == 0)
            {
                await Task.Delay(random.Next(200, 2000));
            }
            else
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!recorder.Messages.Skip(seen).Any(m => UplinkGatewayConfig.Seq(m) is not null))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"run {i + 1} published nothing within 30 s:\n{gateway.Output}");
                    await Task.Delay(20);
                }

                await Task.Delay(random.Next(50, 1000));
            }

            await gateway.KillAsync();
            outputs.Add(gateway.Output);
            if (recorder.Messages.Count > seen)
            {
                killedWithData++;
            }
        }

        // A last, clean run sends whatever the killed ones committed but could not send.
        var lastStart = DateTime.UtcNow;
        await using (var last = GatewayProcess.Start("run", "--config", config))
        {
            // Commands are subscribed when the gateway connects; it says so with its online status.
            await recorder.WaitForAsync(m => m.Topic == "et/v1/gwk/status" && m.Arrived > lastStart && m.Json.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(30), "the last run online").Explained(last);
            await using var platform = await CommandClient.ConnectAsync(_broker.Port, "et/v1/gwk");
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (true)
            {
                var status = await platform.RequestAsync("status", "{}", timeout: TimeSpan.FromSeconds(10));
                Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());
                // Live data keeps a few messages in flight; the killed runs' backlog is gone once nothing old is left.
                var oldest = status.GetProperty("result").GetProperty("status").GetProperty("backlog").GetProperty("oldest");
                if (oldest.ValueKind == System.Text.Json.JsonValueKind.Null || DateTime.UtcNow - oldest.GetDateTime().ToUniversalTime() < TimeSpan.FromSeconds(1.5))
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "the backlog did not drain: " + status);
                await Task.Delay(200);
            }

            Assert.Equal(0, await last.TerminateAsync(TimeSpan.FromSeconds(10)));
            outputs.Add(last.Output);
        }

        await recorder.WaitForAsync(m => m.Topic == "et/v1/gwk/status" && !m.Json.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(5), "the offline status");
        var all = string.Join("\n", outputs);
        Assert.DoesNotContain("corrupt", all, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
        Assert.True(killedWithData >= Kills / 2, $"only {killedWithData} of {Kills} runs published anything before their kill");

        var withSeq = recorder.Messages.Select(m => (Message: m, Seq: UplinkGatewayConfig.Seq(m))).Where(x => x.Seq is not null).ToList();
        Assert.All(withSeq.GroupBy(x => x.Seq), g => Assert.Single(g.Select(x => UplinkGatewayConfig.WithoutMark(x.Message.Text)).Distinct()));
        var distinct = withSeq.Select(x => x.Seq!.Value).Distinct().Order().ToList();
        Assert.True(distinct.Count > 200, $"{distinct.Count} messages");
        Assert.Equal(Enumerable.Range(1, distinct.Count).Select(i => (long)i), distinct);

        using var db = UplinkGatewayConfig.OpenDatabase(_dir.Path, "gwk");
        Assert.False(db.Recovered);
        // Everything committed was received or is still in the outbox for the next start (the clean stop waits 1.5 s
        // at most for the last commit's PUBACK): nothing lost either way.
        var left = db.ReadAfter(distinct[^1], 1000).Select(m => m.Seq).ToList();
        Assert.True(db.Backlog.Messages == left.Count && left.SequenceEqual(Enumerable.Range(1, (int)(db.LastCommittedSeq - distinct[^1])).Select(k => distinct[^1] + k)),
            $"received up to seq {distinct[^1]}, committed {db.LastCommittedSeq}, left {db.Backlog.Messages} ({string.Join(", ", left)}); the last run said:\n{outputs[^1][Math.Max(0, outputs[^1].Length - 3000)..]}");
    }
}
