using System.Text;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Uplink.Tests.Mqtt;

public sealed class SendSchedulerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc));
    private readonly Outbox _outbox;

    public SendSchedulerTests() =>
        _outbox = Outbox.Open(new OutboxOptions { Path = _dir.File("edgetwin.db"), Durable = false }, NullLogger.Instance);

    public void Dispose()
    {
        _outbox.Dispose();
        _dir.Dispose();
    }

    private long Add(string key) => _outbox.Add(OutboxKind.Telemetry, key, "t/" + key, Encoding.UTF8.GetBytes(key), DateTime.UtcNow);

    private static List<(long Seq, string Key, bool Backfill)> Drain(SendScheduler scheduler, int max = 1000)
    {
        var sent = new List<(long, string, bool)>();
        while (sent.Count < max && scheduler.TryNext(out var m, out var backfill))
        {
            sent.Add((m.Seq, m.Key, backfill));
        }

        return sent;
    }

    [Fact]
    public void Without_a_backlog_everything_is_live_in_seq_order()
    {
        var scheduler = new SendScheduler(_outbox, 0, _clock);
        var seqs = new[] { Add("a"), Add("b"), Add("a") };
        _outbox.Commit();

        var sent = Drain(scheduler);

        Assert.Equal(seqs, sent.Select(s => s.Seq));
        Assert.All(sent, s => Assert.False(s.Backfill));
        Assert.False(scheduler.TryCompleteBackfill(out _));
    }

    [Fact]
    public void The_newest_backlog_message_of_each_key_goes_first_then_live_then_the_backlog_in_order_as_backfill()
    {
        var a1 = Add("a");
        var b1 = Add("b");
        var a2 = Add("a");
        var a3 = Add("a");
        var b2 = Add("b");
        _outbox.Commit();
        var scheduler = new SendScheduler(_outbox, 0, _clock);
        var live = Add("a");
        _outbox.Commit();

        var sent = Drain(scheduler);

        Assert.Equal(new[] { a3, b2, live, a1, b1, a2 }, sent.Select(s => s.Seq));
        Assert.Equal(new[] { false, false, false, true, true, true }, sent.Select(s => s.Backfill));

        // Per key, each lane is in seq order, and every message that arrives after a newer one of its key is backfill.
        foreach (var key in new[] { "a", "b" })
        {
            var newest = 0L;
            foreach (var s in sent.Where(s => s.Key == key))
            {
                Assert.Equal(s.Seq < newest, s.Backfill);
                newest = Math.Max(newest, s.Seq);
            }
        }
    }

    [Fact]
    public void Backfill_completes_once_after_every_backfill_message_was_acknowledged()
    {
        for (var i = 0; i < 5; i++)
        {
            Add("a");
        }

        _outbox.Commit();
        var scheduler = new SendScheduler(_outbox, 0, _clock);
        var sent = Drain(scheduler);
        Assert.Equal(4, sent.Count(s => s.Backfill));
        Assert.False(scheduler.TryNext(out _, out _));

        for (var i = 0; i < 3; i++)
        {
            scheduler.BackfillAcked();
        }

        Assert.False(scheduler.TryCompleteBackfill(out _));
        scheduler.BackfillAcked();
        Assert.True(scheduler.TryCompleteBackfill(out _));
        Assert.False(scheduler.TryCompleteBackfill(out _));
        Assert.Equal(4, scheduler.BackfillSent);
        Assert.Equal((sent.Where(s => s.Backfill).Min(s => s.Seq), sent.Where(s => s.Backfill).Max(s => s.Seq)), scheduler.BackfillRange);
    }

    [Fact]
    public void The_backfill_rate_limits_only_the_backlog_never_live_data()
    {
        for (var i = 0; i < 101; i++)
        {
            Add("a");
        }

        _outbox.Commit();
        var scheduler = new SendScheduler(_outbox, backfillRate: 10, _clock);

        // The newest goes at once; of the 100 older ones the bucket holds one (10/s over 100 ms) at the start.
        var first = Drain(scheduler);
        Assert.Equal(2, first.Count);
        Assert.NotNull(scheduler.RateLimitedFor);

        var live = Add("a");
        _outbox.Commit();
        Assert.True(scheduler.TryNext(out var m, out var backfill));
        Assert.Equal((live, false), (m.Seq, backfill));

        // Ten seconds later: about 100 more would be due, but the bucket holds at most 1 (burst of a tenth of a second).
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(Drain(scheduler));
        var total = 0;
        for (var i = 0; i < 50; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            total += Drain(scheduler).Count;
        }

        Assert.Equal(50, total);
    }

    [Fact]
    public void Messages_acknowledged_or_dropped_meanwhile_are_skipped()
    {
        var seqs = Enumerable.Range(0, 6).Select(_ => Add("a")).ToList();
        _outbox.Commit();
        _outbox.Acknowledge(new[] { seqs[1], seqs[5] });

        var sent = Drain(new SendScheduler(_outbox, 0, _clock));

        // seqs[5] (the newest) is gone: the newest remaining one is not promoted, it is simply backlog.
        Assert.Equal(new[] { seqs[0], seqs[2], seqs[3], seqs[4] }, sent.Select(s => s.Seq));
        Assert.All(sent, s => Assert.True(s.Backfill));
    }
}
