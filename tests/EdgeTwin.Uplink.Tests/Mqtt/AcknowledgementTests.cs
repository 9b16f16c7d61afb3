using System.Text;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Uplink.Tests.Mqtt;

/// <summary>
/// Live messages' PUBACKs from a real mosquitto: each message leaves the outbox after its PUBACK, deleted together
/// with the others on the send loop's next turn, and the PUBACKs themselves do not wake the loop (a wake-up each was a
/// thread-pool hop for nothing to send, a tenth of the uplink's context switches at 10,000 points/s).
/// </summary>
public sealed class AcknowledgementTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Mosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Live_messages_leave_the_outbox_after_their_pubacks_without_a_wake_up_for_each()
    {
        const int Groups = 5, PerGroup = 40;
        using var outbox = Outbox.Open(new OutboxOptions { Path = _dir.File("acks.db") }, NullLogger.Instance);
        var config = new MqttConfig { Url = new Uri($"mqtt://127.0.0.1:{_broker.Port}"), ClientId = "acks-" + Guid.NewGuid().ToString("N")[..6] };
        await using var uplink = new MqttUplink(config, new TopicScheme("acks", "gw"), outbox, _ => "{}"u8.ToArray(), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = uplink.RunAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => uplink.State.Connected, "connected");
            var turns = new List<long>();
            for (var group = 0; group < Groups; group++)
            {
                for (var i = 0; i < PerGroup; i++)
                {
                    outbox.Add(OutboxKind.Telemetry, "plc1", "acks/gw/telemetry/plc1", Encoding.UTF8.GetBytes($"{{\"seq\":{outbox.NextSeq}}}"), DateTime.UtcNow);
                }

                outbox.Commit();
                var last = outbox.LastCommittedSeq;
                await WaitUntilAsync(() => uplink.State.LastAckedSeq >= last, $"group {group} acknowledged");
                var before = uplink.SendTurns;
                await WaitUntilAsync(() => outbox.Backlog.Messages == 0, $"group {group} deleted after its PUBACKs");
                turns.Add(uplink.SendTurns - before);
            }

            // The loop sent each group in about PerGroup turns; deleting it took a turn or two (the flush after the
            // next timed wake-up), not one per PUBACK.
            Assert.All(turns, t => Assert.True(t <= 4, $"turns between a group's last PUBACK and its deletion: {string.Join(", ", turns)}"));
            Assert.True(uplink.SendTurns < Groups * PerGroup * 3 / 2, $"{uplink.SendTurns} turns for {Groups * PerGroup} messages");
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting: " + what);
            await Task.Delay(5);
        }
    }
}
