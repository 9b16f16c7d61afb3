using System.Text.Json;
using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// Store-and-forward against a real mosquitto that is stopped for 30 s while two devices are polled every 50 ms.
/// The gateway reaches the broker through a link that is cut first, so nothing of the gateway is in flight when the
/// broker stops (mosquitto 2.0 acknowledges publishes during its own shutdown that it then never delivers to the
/// persistent subscriber: a broker's loss the gateway cannot see). Then:
/// nothing is lost, nothing is duplicated with other content, per device the order is kept within live and within
/// backfill, the platform gets current data at once after the outage, and a backfillComplete event closes it.
/// </summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();
    private ModbusPeer _modbus = null!;
    private RestartableBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _modbus = await ModbusPeer.StartAsync(UplinkGatewayConfig.Map);
        _broker = await RestartableBroker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _modbus.DisposeAsync();
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_30_s_broker_outage_under_load_loses_nothing_keeps_per_device_order_and_ends_with_backfill_complete()
    {
        // backfillRate 400/s: the ~1,200-message backlog takes a few seconds, so live data visibly overtakes it.
        await using var link = TcpLink.Open(_broker.Port);
        var config = UplinkGatewayConfig.Write(_dir.Path, "gwo", link.Port, _modbus.Port, storageExtra: "backfillRate: 400");
        await using var recorder = await SessionRecorder.StartAsync(_broker.Port, "et/v1/gwo/#");
        await using var gateway = GatewayProcess.Start("run", "--config", config);

        foreach (var device in new[] { "plc1", "plc2" })
        {
            await recorder.WaitForAsync(m => m.Topic == "et/v1/gwo/telemetry/" + device, TimeSpan.FromSeconds(20), "telemetry of " + device).Explained(gateway);
        }

        await Task.Delay(1000);
        var beforeOutage = recorder.Messages.Count;
        var stopped = DateTime.UtcNow;
        await link.CutAsync();
        await Task.Delay(1000);
        await _broker.StopAsync();
        await Task.Delay(Outage - TimeSpan.FromSeconds(2));
        await _broker.StartAgainAsync();
        await Task.Delay(1000);
        link.Restore();
        var restarted = DateTime.UtcNow;

        var complete = await recorder.WaitForAsync(
            m => m.Topic == "et/v1/gwo/events" && m.Json.GetProperty("type").GetString() == "backfillComplete" && m.Arrived > restarted, TimeSpan.FromSeconds(40), "backfillComplete after the outage").Explained(gateway);
        await Task.Delay(1000);
        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gwo/status" && !m.Json.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(5), "the offline status").Explained(gateway);

        var messages = recorder.Messages;
        var withSeq = messages.Select((m, i) => (Message: m, Index: i, Seq: UplinkGatewayConfig.Seq(m))).Where(x => x.Seq is not null).ToList();

        // 1. Every seq exactly once after de-duplication: one content per seq, gap-free up to what the outbox committed,
        //    and nothing left in the outbox.
        Assert.All(withSeq.GroupBy(x => x.Seq), g => Assert.Single(g.Select(x => UplinkGatewayConfig.WithoutMark(x.Message.Text)).Distinct()));
        var distinct = withSeq.Select(x => x.Seq!.Value).Distinct().Order().ToList();
        using (var db = UplinkGatewayConfig.OpenDatabase(_dir.Path, "gwo"))
        {
            Assert.Equal(db.LastCommittedSeq, distinct[^1]);
            var left = db.ReadAfter(0, 20);
            Assert.True(left.Count == 0, "left in the outbox: " + string.Join(", ", left.Select(m => $"{m.Seq} {m.Topic} received={withSeq.Any(x => x.Seq == m.Seq)}")) + $"; received up to {distinct[^1]}\n" + gateway.Output[Math.Max(0, gateway.Output.Length - 3000)..]);
            Assert.False(db.Recovered);
        }

        var missing = Enumerable.Range(1, (int)distinct[^1]).Select(i => (long)i).Except(distinct).ToList();
        Assert.True(missing.Count == 0, $"missing seq {string.Join(", ", missing)}; broker stopped {stopped:HH:mm:ss.fff}, back {restarted:HH:mm:ss.fff}; " +
            string.Join("; ", withSeq.Where(x => missing.Any(s => Math.Abs(s - x.Seq!.Value) <= 2)).Select(x => $"{x.Seq} at {x.Message.Arrived:HH:mm:ss.fff}")) +
            $"; recorder connects {recorder.Connects}\nbroker: {_broker.Output}\ngateway: {gateway.Output[Math.Max(0, gateway.Output.Length - 3000)..]}");

        // 2. The outage really built a backlog (40 messages/s for 30 s) and it was sent as backfill.
        var summary = complete.Json;
        Assert.True(summary.GetProperty("messages").GetInt64() > 800, complete.Text);
        var backfilled = withSeq.Where(x => x.Message.Json.TryGetProperty("backfill", out var b) && b.GetBoolean()).ToList();
        Assert.True(backfilled.Count >= summary.GetProperty("messages").GetInt64());
        Assert.All(backfilled, x => Assert.Equal("true", x.Message.UserProperties.GetValueOrDefault("backfill")));
        Assert.All(backfilled, x => Assert.False(x.Message.Retain));

        // 3. Per device, in arrival order: live messages in seq order, backfill messages in seq order, and every message
        //    that arrives after a newer one of its device says backfill.
        foreach (var device in new[] { "plc1", "plc2" })
        {
            var firsts = withSeq.Where(x => x.Message.Topic == "et/v1/gwo/telemetry/" + device).DistinctBy(x => x.Seq).ToList();
            long newest = 0, lastLive = 0, lastBackfill = 0;
            foreach (var (message, _, seq) in firsts)
            {
                var isBackfill = message.Json.TryGetProperty("backfill", out var b) && b.GetBoolean();
                if (seq < newest)
                {
                    Assert.True(isBackfill, $"{device} seq {seq} arrived after {newest} without the backfill mark");
                }

                if (isBackfill)
                {
                    Assert.True(seq > lastBackfill, $"{device} backfill out of order: {seq} after {lastBackfill}");
                    lastBackfill = seq!.Value;
                }
                else
                {
                    Assert.True(seq > lastLive, $"{device} live out of order: {seq} after {lastLive}");
                    lastLive = seq!.Value;
                }

                newest = Math.Max(newest, seq!.Value);
            }
        }

        // 4. Never stale: within 5 s of the broker's return each device has a message whose newest sample is at most
        //    3 s old when it arrives, and live data arrived while the backfill was still running.
        foreach (var device in new[] { "plc1", "plc2" })
        {
            var fresh = messages.Skip(beforeOutage).Where(m => m.Topic == "et/v1/gwo/telemetry/" + device).FirstOrDefault(m =>
                m.Arrived - NewestSample(m) < TimeSpan.FromSeconds(3));
            Assert.NotNull(fresh);
            Assert.True(fresh.Arrived - restarted < TimeSpan.FromSeconds(5), $"{device}: first fresh data {(fresh.Arrived - restarted).TotalSeconds:0.0} s after the broker returned");
        }

        var completeIndex = messages.ToList().IndexOf(complete);
        var firstBackfill = backfilled.Min(x => x.Index);
        Assert.Contains(withSeq, x => x.Index > firstBackfill && x.Index < completeIndex && !x.Message.Json.TryGetProperty("backfill", out _) && x.Message.Topic.Contains("/telemetry/", StringComparison.Ordinal));

        // 5. The status after the outage reported the backlog.
        var status = messages.Skip(beforeOutage).First(m => m.Topic == "et/v1/gwo/status" && m.Json.GetProperty("online").GetBoolean()).Json;
        Assert.True(status.GetProperty("backlog").GetProperty("messages").GetInt64() > 0);
        Assert.Equal(JsonValueKind.String, status.GetProperty("backlog").GetProperty("oldest").ValueKind);
        Assert.Equal(0, status.GetProperty("dropped").GetInt64());
        Assert.DoesNotContain(" fail: ", gateway.Output, StringComparison.Ordinal);
    }

    private static DateTime NewestSample(SessionRecorder.Message m) =>
        m.Json.GetProperty("samples").EnumerateArray().Max(s => s.GetProperty("ts").GetDateTime().ToUniversalTime());
}
