using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

public sealed class OutboxBacklogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open() => Outbox.Open(new OutboxOptions { Path = _dir.File("db/edgetwin.db") }, NullLogger.Instance);

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Enqueued_messages_get_their_seq_from_the_next_commit_in_order_with_the_group()
    {
        using var outbox = Open();
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", Text("a"), DateTime.UtcNow);
        var builtWith = 0L;
        var thread = new Thread(() => outbox.Enqueue(OutboxKind.Event, "gw", "e", seq =>
        {
            builtWith = seq;
            return Text("{\"seq\":" + seq + "}");
        }, DateTime.UtcNow));
        thread.Start();
        thread.Join();

        Assert.Equal(2, outbox.PendingCount);
        Assert.Equal(2, outbox.Commit());

        var read = outbox.ReadAfter(0, 10);
        Assert.Equal(2, read.Count);
        Assert.Equal(read[1].Seq, builtWith);
        Assert.Equal("{\"seq\":" + builtWith + "}", Encoding.UTF8.GetString(read[1].Payload));
        Assert.Equal(OutboxKind.Event, read[1].Kind);
    }

    [Fact]
    public void A_failing_payload_builder_loses_only_its_own_message()
    {
        using var outbox = Open();
        outbox.Enqueue(OutboxKind.Event, "gw", "e", _ => throw new InvalidOperationException("boom"), DateTime.UtcNow);
        outbox.Enqueue(OutboxKind.Event, "gw", "e", _ => Text("ok"), DateTime.UtcNow);

        Assert.Equal(1, outbox.Commit());
        Assert.Equal("ok", Encoding.UTF8.GetString(Assert.Single(outbox.ReadAfter(0, 10)).Payload));
    }

    [Fact]
    public void Snapshot_names_the_boundary_and_the_newest_message_of_each_key()
    {
        using var outbox = Open();
        var a1 = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Text("1"), DateTime.UtcNow);
        var b1 = outbox.Add(OutboxKind.Telemetry, "plc2", "t/plc2", Text("2"), DateTime.UtcNow);
        var a2 = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Text("3"), DateTime.UtcNow);
        outbox.Commit();
        outbox.Add(OutboxKind.Telemetry, "plc2", "t/plc2", Text("not committed"), DateTime.UtcNow);

        var snapshot = outbox.SnapshotBacklog();

        Assert.Equal(a2, snapshot.Boundary);
        Assert.Equal(new[] { b1, a2 }, snapshot.NewestPerKey);
        Assert.DoesNotContain(a1, snapshot.NewestPerKey);
    }

    [Fact]
    public void Snapshot_after_reopen_knows_the_newest_per_key_from_the_database()
    {
        long newest;
        using (var outbox = Open())
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", Text("1"), DateTime.UtcNow);
            newest = outbox.Add(OutboxKind.Telemetry, "plc1", "t", Text("2"), DateTime.UtcNow);
            outbox.Commit();
        }

        using var reopened = Open();
        Assert.Equal(new[] { newest }, reopened.SnapshotBacklog().NewestPerKey);
    }

    [Fact]
    public void Read_range_stays_inside_its_bounds_and_find_misses_acknowledged_messages()
    {
        using var outbox = Open();
        var seqs = Enumerable.Range(0, 10).Select(i => outbox.Add(OutboxKind.Telemetry, "plc1", "t", Text("m" + i), DateTime.UtcNow)).ToList();
        outbox.Commit();

        Assert.Equal(seqs[3..6], outbox.ReadRange(seqs[2], seqs[5], 100).Select(m => m.Seq));
        Assert.Equal(seqs[3..5], outbox.ReadRange(seqs[2], seqs[9], 2).Select(m => m.Seq));
        Assert.Empty(outbox.ReadRange(seqs[5], seqs[5], 10));

        outbox.Acknowledge(outbox.ReadRange(0, seqs[1], 10));
        Assert.Null(outbox.Find(seqs[0]));
        Assert.NotNull(outbox.Find(seqs[2]));
        Assert.Equal(8, outbox.Backlog.Messages);
        Assert.Equal(8 * 2, outbox.Backlog.Bytes);
    }

    [Fact]
    public void Counters_start_at_zero_and_persist()
    {
        using (var outbox = Open())
        {
            Assert.Equal(0, outbox.IncrementCounter("bdSeq"));
            Assert.Equal(1, outbox.IncrementCounter("bdSeq"));
            Assert.Equal(0, outbox.IncrementCounter("other"));
        }

        using var reopened = Open();
        Assert.Equal(2, reopened.IncrementCounter("bdSeq"));
    }
}
