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
            // Connected is set before the session's birth messages; a group committed before the send loop takes its
            // snapshot of the outbox is backlog, sent as backfill, whose PUBACKs do wake the loop (71 turns, CI).
            await WaitUntilAsync(() => uplink.State.Connected && uplink.SendTurns > 0, "connected and sending");
            var turns = new List<long>();
            for (var group = 0; group < Groups; group++)
            {
                var before = uplink.SendTurns;
                for (var i = 0; i < PerGroup; i++)
                {
                    outbox.Add(OutboxKind.Telemetry, "plc1", "acks/gw/telemetry/plc1", Encoding.UTF8.GetBytes($"{{\"seq\":{outbox.NextSeq}}}"), DateTime.UtcNow);
                }

                outbox.Commit();
                var last = outbox.LastCommittedSeq;
                await WaitUntilAsync(() => uplink.State.LastAckedSeq >= last && outbox.Backlog.Messages == 0, $"group {group} acknowledged and deleted");
                turns.Add(uplink.SendTurns - before);
            }

            // A turn per message sent, and a few for the commit's wake-up and the timed ones, the flush among them;
            // with a wake-up per PUBACK it was about twice as many (83 a group).
            Assert.All(turns, t => Assert.True(t <= PerGroup * 3 / 2, $"turns of the send loop per group of {PerGroup}: {string.Join(", ", turns)}"));
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
