using System.Text;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

/// <summary>
/// Messages stored as batch documents (one or a few per group commit): torn commits, partial acknowledgement,
/// the size limit across and inside batches, groups larger than one document, and databases of the older format.
/// </summary>
public sealed class OutboxBatchTests : IDisposable
{
    private const int PageSize = 8192;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open(string name = "db", long maxBytes = 1 << 20) =>
        Outbox.Open(new OutboxOptions { Path = _dir.File(name + "/edgetwin.db"), MaxBytes = maxBytes }, NullLogger.Instance);

    private static byte[] Payload(long i, int size = 40)
    {
        var text = Encoding.ASCII.GetBytes($"{{\"m\":{i}}}");
        var payload = new byte[Math.Max(size, text.Length)];
        Array.Fill(payload, (byte)' ');
        text.CopyTo(payload, 0);
        return payload;
    }

    private static List<long> AddTelemetry(Outbox outbox, int count, int size = 40)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++)
        {
            seqs.Add(outbox.Add(OutboxKind.Telemetry, "plc" + (i % 3), "t/plc" + (i % 3), Payload(outbox.NextSeq, size), DateTime.UtcNow));
        }

        return seqs;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void A_commit_torn_by_a_power_cut_is_absent_as_a_whole_and_the_commits_before_it_are_intact(int pagesOfTheTornCommit)
    {
        var log = _dir.File("db/edgetwin-log.db");
        List<long> first, second;
        long logAfterFirst;
        using (var outbox = Open())
        {
            first = AddTelemetry(outbox, 50);
            outbox.Commit();
            logAfterFirst = new FileInfo(log).Length;

            // About 30 pages: the power cut leaves only the first pages of this commit in the log.
            second = AddTelemetry(outbox, 200, size: 1200);
            outbox.Commit();
            Assert.True(new FileInfo(log).Length > logAfterFirst + (pagesOfTheTornCommit * PageSize), "the second commit must span the pages the test keeps");

            CrashImage.Copy(_dir.File("db"), _dir.File("torn"));
        }

        using (var stream = new FileStream(_dir.File("torn/edgetwin-log.db"), FileMode.Open))
        {
            stream.SetLength(logAfterFirst + (pagesOfTheTornCommit * PageSize));
        }

        using var crashed = Open("torn");
        Assert.False(crashed.Recovered);
        var read = crashed.ReadAfter(0, 1000);
        Assert.Equal(first, read.Select(m => m.Seq));
        Assert.All(read, m => Assert.Equal(Payload(m.Seq), m.Payload));
        Assert.Null(crashed.Find(second[0]));
        Assert.Equal(first.Count, crashed.Backlog.Messages);
    }

    [Fact]
    public void Acknowledging_part_of_a_batch_out_of_order_survives_a_reopen_and_the_last_acknowledgement_deletes_it()
    {
        List<long> seqs;
        using (var outbox = Open())
        {
            seqs = AddTelemetry(outbox, 10);
            outbox.Commit();
            outbox.Acknowledge(new[] { seqs[9], seqs[2], seqs[5] });
            Assert.Equal(7, outbox.Backlog.Messages);
        }

        var left = seqs.Where((_, i) => i is not (2 or 5 or 9)).ToList();
        using (var outbox = Open())
        {
            Assert.Equal(left, outbox.ReadAfter(0, 100).Select(m => m.Seq));
            Assert.Equal(7, outbox.Backlog.Messages);
            Assert.Equal(7 * 40, outbox.Backlog.Bytes);
            Assert.Null(outbox.Find(seqs[5]));
            Assert.Equal(Payload(seqs[6]), outbox.Find(seqs[6])!.Payload);

            // Acknowledging again what is gone changes nothing.
            outbox.Acknowledge(new[] { seqs[2] });
            Assert.Equal(7, outbox.Backlog.Messages);
            outbox.Acknowledge(outbox.ReadAfter(0, 100));
            Assert.Equal(0, outbox.Backlog.Messages);
        }

        using (var reopened = Open())
        {
            Assert.Empty(reopened.ReadAfter(0, 100));
            Assert.Equal(seqs[^1] + 1, reopened.NextSeq);
        }

        using var db = new LiteDatabase(new ConnectionString { Filename = _dir.File("db/edgetwin.db"), ReadOnly = true });
        Assert.Equal(0, db.GetCollection("outbox_batches").Count());
        Assert.Equal(0, db.GetCollection("outbox_gone").Count());
    }

    [Fact]
    public void A_group_larger_than_one_document_reads_back_in_order_across_the_documents()
    {
        List<long> seqs;
        using (var outbox = Open(maxBytes: 1L << 30))
        {
            seqs = AddTelemetry(outbox, 2500);
            outbox.Commit();
        }

        using var reopened = Open(maxBytes: 1L << 30);
        var all = new List<long>();
        for (var after = 0L; reopened.ReadAfter(after, 333) is { Count: > 0 } page; after = page[^1].Seq)
        {
            all.AddRange(page.Select(m => m.Seq));
        }

        Assert.Equal(seqs, all);
        Assert.Equal(seqs.Skip(1000).Take(49), reopened.ReadRange(seqs[999], seqs[1048], 100).Select(m => m.Seq));
        Assert.Equal(Payload(seqs[2100]), reopened.Find(seqs[2100])!.Payload);
        Assert.Equal(2500, reopened.Backlog.Messages);
    }

    [Fact]
    public void Every_batch_document_stays_below_the_large_object_threshold_and_only_an_oversized_message_goes_alone()
    {
        // 1 kB messages (about 2.5 MB in one commit), keys of varying length, and one message larger than a document.
        List<long> seqs = [];
        using (var outbox = Open(maxBytes: 1L << 30))
        {
            for (var i = 0; i < 2500; i++)
            {
                var key = "device-" + new string('x', i % 40);
                seqs.Add(outbox.Add(OutboxKind.Telemetry, key, "t/" + key, Payload(outbox.NextSeq, 1000), DateTime.UtcNow));
                if (i == 1200)
                {
                    seqs.Add(outbox.Add(OutboxKind.Telemetry, "big", "t/big", Payload(outbox.NextSeq, 200_000), DateTime.UtcNow));
                }
            }

            outbox.Commit();
        }

        // The runtime puts arrays of 85,000 bytes and more (header included) on the large object heap; LiteDB reads a
        // document's blob into one array of its length.
        Assert.True(BatchCodec.MaxBlobBytes + 32 < 85_000);
        using (var db = new LiteDatabase(new ConnectionString { Filename = _dir.File("db/edgetwin.db"), ReadOnly = true }))
        {
            var blobs = db.GetCollection("outbox_batches").FindAll().Select(d => d["b"].AsBinary).ToList();
            var oversized = Assert.Single(blobs, b => b.Length > BatchCodec.MaxBlobBytes);
            Assert.Single(BatchCodec.ReadHeader(0, oversized).Entries);

            // Filled, not one document per message: 2.5 MB of payload plus headers in at most 34 documents of 80 kB.
            Assert.InRange(blobs.Count - 1, 32, 34);
        }

        using var reopened = Open(maxBytes: 1L << 30);
        var all = new List<long>();
        for (var after = 0L; reopened.ReadAfter(after, 500) is { Count: > 0 } page; after = page[^1].Seq)
        {
            all.AddRange(page.Select(m => m.Seq));
            Assert.All(page, m => Assert.Equal(Payload(m.Seq, m.Key == "big" ? 200_000 : 1000), m.Payload));
        }

        Assert.Equal(seqs, all);
    }

    [Fact]
    public void The_size_limit_drops_telemetry_inside_a_batch_keeps_its_events_and_frees_the_space_for_good()
    {
        long eventSeq, twinSeq;
        List<long> kept;
        long bytes;
        using (var outbox = Open(maxBytes: 4000))
        {
            AddTelemetry(outbox, 20, size: 100);
            eventSeq = outbox.Add(OutboxKind.Event, "gw", "e", Payload(0, 100), DateTime.UtcNow);
            AddTelemetry(outbox, 20, size: 100);
            twinSeq = outbox.Add(OutboxKind.Twin, "pump1", "w", Payload(1, 100), DateTime.UtcNow, retain: true);
            outbox.Commit();

            // 4,200 bytes in one batch: down to 90 % of 4,000 by dropping the oldest telemetry.
            Assert.Equal(6, outbox.Backlog.Dropped);
            outbox.Add(OutboxKind.Telemetry, "plc0", "t/plc0", Payload(2, 1000), DateTime.UtcNow);
            outbox.Commit();
            kept = outbox.ReadAfter(0, 100).Select(m => m.Seq).ToList();
            bytes = outbox.Backlog.Bytes;
            Assert.True(bytes <= 3600);
            Assert.Contains(eventSeq, kept);
            Assert.Contains(twinSeq, kept);
            Assert.Equal(outbox.LastCommittedSeq, kept[^1]);
        }

        using var reopened = Open(maxBytes: 4000);
        Assert.Equal(kept, reopened.ReadAfter(0, 100).Select(m => m.Seq));
        Assert.Equal(bytes, reopened.Backlog.Bytes);
        Assert.True(reopened.Find(twinSeq)!.Retain);
        Assert.Equal(OutboxKind.Event, reopened.Find(eventSeq)!.Kind);

        // The dropped messages are gone from the documents themselves, not only marked.
        using var db = new LiteDatabase(new ConnectionString { Filename = _dir.File("db/edgetwin.db"), ReadOnly = true });
        Assert.Equal(0, db.GetCollection("outbox_gone").Count());
        var stored = db.GetCollection("outbox_batches").FindAll().Sum(d => d["b"].AsBinary.Length);
        Assert.True(stored < bytes + 1500, $"{stored} bytes stored for {bytes} bytes of payload");
    }

    [Fact]
    public void The_size_limit_drops_the_oldest_batches_first_and_only_as_much_as_needed()
    {
        using var outbox = Open(maxBytes: 10_000);
        var batches = new List<List<long>>();
        for (var b = 0; b < 12; b++)
        {
            batches.Add(AddTelemetry(outbox, 10, size: 100));
            outbox.Commit();
        }

        // 11 commits of 1,000 bytes went over 10,000: the two oldest dropped (down to 9,000), then the 12th fits.
        var left = outbox.ReadAfter(0, 1000).Select(m => m.Seq).ToList();
        Assert.Equal(batches.Skip(2).SelectMany(s => s), left);
        Assert.Equal(20, outbox.Backlog.Dropped);
        Assert.Equal(10_000, outbox.Backlog.Bytes);
    }

    [Fact]
    public void A_large_limit_drops_at_most_4_MB_below_itself_at_a_time()
    {
        // 64 MB limit: 10 % would be 6.4 MB in one transaction; the drop stops 4 MB below the limit instead.
        const long limit = 64L << 20;
        using var outbox = Open(maxBytes: limit);
        while (outbox.Backlog.Dropped == 0)
        {
            AddTelemetry(outbox, 64, size: 16 * 1024);
            outbox.Commit();
        }

        Assert.InRange(outbox.Backlog.Bytes, limit - (4L << 20) - (16 * 1024), limit - (4L << 20));
        Assert.InRange(outbox.Backlog.Dropped, 256, 320);
    }

    [Fact]
    public void A_database_with_one_document_per_message_is_converted_at_open()
    {
        var path = _dir.File("old/edgetwin.db");
        Directory.CreateDirectory(_dir.File("old"));
        var ts = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        using (var db = new LiteDatabase(new ConnectionString { Filename = path }) { UtcDate = true })
        {
            var old = db.GetCollection("outbox", BsonAutoId.Int64);
            for (long seq = 5; seq <= 7; seq++)
            {
                old.Insert(new BsonDocument
                {
                    ["_id"] = seq, ["k"] = seq == 6 ? 2 : 0, ["key"] = "plc1", ["t"] = "t/plc1", ["p"] = Payload(seq), ["n"] = 40, ["ts"] = ts.AddSeconds(seq), ["r"] = seq == 7,
                });
            }

            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "state", ["next"] = 8L, ["dropped"] = 0L });
        }

        using (var outbox = Outbox.Open(new OutboxOptions { Path = path }, NullLogger.Instance))
        {
            Assert.False(outbox.Recovered);
            var read = outbox.ReadAfter(0, 10);
            Assert.Equal(new long[] { 5, 6, 7 }, read.Select(m => m.Seq));
            Assert.Equal(OutboxKind.Event, read[1].Kind);
            Assert.True(read[2].Retain);
            Assert.Equal(ts.AddSeconds(5), outbox.Backlog.Oldest);
            Assert.Equal(Payload(7), read[2].Payload);
            Assert.Equal(8, outbox.NextSeq);
        }

        using var check = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true });
        Assert.False(check.CollectionExists("outbox"));
    }
}
