using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open(long maxBytes = 1 << 20) =>
        Outbox.Open(new OutboxOptions { Path = _dir.File("db/edgetwin.db"), MaxBytes = maxBytes }, NullLogger.Instance);

    private static byte[] Payload(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Uncommitted_messages_are_invisible_and_committed_ones_come_back_in_seq_order()
    {
        using var outbox = Open();
        var a = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Payload("a"), DateTime.UtcNow);
        var b = outbox.Add(OutboxKind.Twin, "pump1", "t/pump1", Payload("b"), DateTime.UtcNow, retain: true);

        Assert.Empty(outbox.ReadAfter(0, 10));
        Assert.Equal(2, outbox.Commit());

        var read = outbox.ReadAfter(0, 10);
        Assert.Equal(new[] { a, b }, read.Select(m => m.Seq));
        Assert.Equal(b, a + 1);
        Assert.Equal("b", Encoding.UTF8.GetString(read[1].Payload));
        Assert.True(read[1].Retain);
        Assert.Equal(OutboxKind.Twin, read[1].Kind);
        Assert.Equal(2, outbox.Backlog.Messages);
        Assert.Equal(2, outbox.Backlog.Bytes);
    }

    [Fact]
    public void Seq_continues_after_reopen_even_when_everything_was_acknowledged()
    {
        long last;
        using (var outbox = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                outbox.Add(OutboxKind.Telemetry, "plc1", "t", Payload("x"), DateTime.UtcNow);
            }

            outbox.Commit();
            last = outbox.LastCommittedSeq;
            outbox.Acknowledge(outbox.ReadAfter(0, 100).Select(m => m.Seq).ToList());
            Assert.Equal(0, outbox.Backlog.Messages);
        }

        using var reopened = Open();
        Assert.Equal(last + 1, reopened.NextSeq);
        Assert.False(reopened.Recovered);
    }

    [Fact]
    public void Acknowledged_messages_are_removed_and_later_ones_stay()
    {
        using var outbox = Open();
        for (var i = 0; i < 4; i++)
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", Payload("m" + i), DateTime.UtcNow);
        }

        outbox.Commit();
        var all = outbox.ReadAfter(0, 10);
        outbox.Acknowledge(new[] { all[0].Seq, all[1].Seq });

        Assert.Equal(new[] { all[2].Seq, all[3].Seq }, outbox.ReadAfter(0, 10).Select(m => m.Seq));
        Assert.Equal(2, outbox.Backlog.Messages);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_telemetry_first_and_keeps_twin_and_events()
    {
        using var outbox = Open(maxBytes: 1000);
        var dropEvents = 0;
        outbox.DroppingStarted += _ => dropEvents++;
        outbox.Add(OutboxKind.Event, "gw", "e", new byte[100], DateTime.UtcNow);
        outbox.Add(OutboxKind.Twin, "pump1", "w", new byte[100], DateTime.UtcNow);
        for (var i = 0; i < 12; i++)
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", new byte[100], DateTime.UtcNow);
        }

        outbox.Commit();

        var left = outbox.ReadAfter(0, 100);
        Assert.Contains(left, m => m.Kind == OutboxKind.Event);
        Assert.Contains(left, m => m.Kind == OutboxKind.Twin);
        Assert.True(outbox.Backlog.Bytes <= 1000);
        Assert.True(outbox.Backlog.Dropped >= 5);
        Assert.Equal(1, dropEvents);

        // The survivors are the newest telemetry: the dropped ones were the oldest.
        var telemetry = left.Where(m => m.Kind == OutboxKind.Telemetry).Select(m => m.Seq).ToList();
        Assert.Equal(outbox.LastCommittedSeq, telemetry[^1]);
        Assert.Equal(Enumerable.Range((int)telemetry[0], telemetry.Count).Select(i => (long)i), telemetry);
    }

    [Fact]
    public void A_corrupt_database_is_moved_aside_and_seq_is_never_reused()
    {
        long last;
        using (var outbox = Open())
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", Payload("x"), DateTime.UtcNow);
            outbox.Commit();
            last = outbox.LastCommittedSeq;
        }

        var path = _dir.File("db/edgetwin.db");
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        using var recovered = Open();
        Assert.True(recovered.Recovered);
        Assert.True(recovered.NextSeq > last);
        Assert.Single(Directory.GetFiles(_dir.File("db"), "edgetwin.db.corrupt-*"), f => !f.EndsWith("-log", StringComparison.Ordinal));

        recovered.Add(OutboxKind.Telemetry, "plc1", "t", Payload("y"), DateTime.UtcNow);
        Assert.Equal(1, recovered.Commit());
    }
}
