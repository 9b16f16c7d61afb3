using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

/// <summary>The history's time partitions: which collection a bucket goes to, reads across them, and the purge.</summary>
public sealed class HistoryPartitionTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(T0);
    private readonly PointTable _table = new([
        new DeviceConfig
        {
            Id = "plc1",
            Points = [new PointConfig { Id = "pressure", Type = PointType.Float32 }, new PointConfig { Id = "temp", Type = PointType.Float32 }],
        },
    ]);

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("edgetwin.db");

    private Outbox Open(string? path = null) => Outbox.Open(new OutboxOptions { Path = path ?? DbPath }, NullLogger.Instance, _clock);

    [Theory]
    [InlineData("1d", "15m")]
    [InlineData("1h", "1m")]
    [InlineData("8h", "5m")]
    [InlineData("2d", "30m")]
    [InlineData("30d", "12h")]
    [InlineData("365d", "4d")]
    public void The_partition_span_is_the_shortest_nested_span_of_at_least_a_96th_of_the_retention(string retention, string span)
    {
        var expected = Parse(span);
        Assert.Equal(expected, HistoryPartition.SpanFor(Parse(retention), HistoryStore.PartitionsPerRetention));

        static TimeSpan Parse(string text) => text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
            'h' => TimeSpan.FromHours(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromDays(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    [Fact]
    public void A_bucket_goes_to_the_partition_of_its_start_and_ranges_across_partition_edges_are_exact()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, [], Day);
        Assert.Equal(TimeSpan.FromMinutes(15), history.PartitionSpan);

        // pressure every 10 s for 40 minutes (buckets of 10 minutes: 10:00:00, 10:10:10, 10:20:20, 10:30:30),
        // temp every 5 minutes: buckets of 10:00, 10:15 and 10:30, right at the partitions' edges.
        var recorded = new List<Sample>();
        for (var ms = 0; ms <= 40 * 60_000; ms += 1000)
        {
            if (ms % 10_000 == 0)
            {
                recorded.Add(new Sample(0, T0.AddMilliseconds(ms), ms / 1000.0, Quality.Good));
            }

            if (ms % 300_000 == 0)
            {
                recorded.Add(new Sample(1, T0.AddMilliseconds(ms), -ms / 1000.0, Quality.Good));
            }
        }

        history.Record(recorded.ToArray());
        _clock.Advance(TimeSpan.FromHours(1));
        outbox.Commit();

        var stored = StoredHistory.Collections(DbPath);
        Assert.Equal(
            new[] { "history_202611231000_15", "history_202611231015_15", "history_202611231030_15" },
            stored.Keys);
        Assert.Equal(new[] { "plc1/pressure|" + T0.Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) }, stored["history_202611231000_15"].Where(id => id.StartsWith("plc1/pressure|", StringComparison.Ordinal)).Take(1));
        Assert.Equal(recorded.Count, StoredHistory.Documents(DbPath).Sum(d => d["v"].AsBinary.Length / 8));

        var edge = T0.AddMinutes(15);
        (DateTime From, DateTime To)[] ranges =
        [
            (edge, edge),
            (edge.AddSeconds(-10), edge.AddSeconds(10)),
            (edge.AddTicks(-1), edge.AddMinutes(15)),
            (edge.AddTicks(1), edge.AddMinutes(15).AddTicks(-1)),
            (T0.AddMinutes(9), T0.AddMinutes(31)),
            (T0.AddMinutes(-5), T0.AddHours(2)),
        ];
        foreach (var (from, to) in ranges)
        {
            foreach (var (name, index) in new[] { ("plc1/pressure", 0), ("plc1/temp", 1) })
            {
                var expected = recorded.Where(s => s.Point == index && s.Timestamp >= from && s.Timestamp <= to).Select(s => new HistoryPoint(s.Timestamp, s.Value));
                Assert.Equal(expected, history.Query(name, from, to, maxPoints: 20_000));
            }
        }
    }

    [Fact]
    public void The_purge_deletes_only_from_partitions_that_ended_before_the_retention_and_drops_them_once_empty()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, [], Day);

        // Buckets 10:00:00-10:10:00 and 10:10:10-10:20:10 in partition 10:00, 10:20:20-10:29:50 in partition 10:15.
        history.Record(Enumerable.Range(0, 180).Select(i => new Sample(0, T0.AddSeconds(i * 10), i, Quality.Good)).ToArray());
        _clock.Advance(TimeSpan.FromHours(1));
        outbox.Commit();
        Assert.Equal(new[] { "history_202611231000_15", "history_202611231015_15" }, StoredHistory.Collections(DbPath).Keys);

        // A day and 14 minutes on: the first bucket is older than the retention, but its partition has not ended.
        _clock.Advance(Day + TimeSpan.FromMinutes(14) - TimeSpan.FromHours(1));
        outbox.Commit();
        Assert.Equal(180, Values().Count);

        // Partition 10:00 ended before now minus the retention: its first bucket goes, the second (up to 10:20:10) stays.
        _clock.Advance(TimeSpan.FromMinutes(1));
        outbox.Commit();
        Assert.Equal(Enumerable.Range(61, 119).Select(i => (double)i), Values());
        Assert.Equal(new[] { "history_202611231000_15", "history_202611231015_15" }, StoredHistory.Collections(DbPath).Keys);

        // Once that bucket is older than the retention too, the partition is empty and dropped with the commit.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(11));
        outbox.Commit();
        Assert.Equal(Enumerable.Range(122, 58).Select(i => (double)i), Values());
        Assert.Equal(new[] { "history_202611231015_15" }, StoredHistory.Collections(DbPath).Keys);

        List<double> Values() => history.Query("plc1/pressure", T0, T0.AddHours(1), maxPoints: 1000).Select(p => p.Value).ToList();
    }

    [Fact]
    public void A_point_whose_timestamps_repeat_keeps_every_bucket_also_across_a_restart()
    {
        using (var outbox = Open())
        {
            var history = outbox.AttachHistory(_table, [], Day);
            history.Record(Enumerable.Range(0, 5).Select(i => new Sample(0, T0.AddSeconds(i), i, Quality.Good)).ToArray());
            _clock.Advance(HistoryStore.FlushInterval);
            outbox.Commit();

            // The device sends the same timestamps again (its clock was set back): a second bucket, 100 ns earlier;
            // and once more, stuck at the first timestamp: a third, 200 ns earlier.
            history.Record(Enumerable.Range(0, 5).Select(i => new Sample(0, T0.AddSeconds(i), 10 + i, Quality.Good)).ToArray());
            _clock.Advance(HistoryStore.FlushInterval);
            outbox.Commit();
            history.Record([new Sample(0, T0, 30, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            outbox.Commit();
            Assert.Equal(11, history.Query("plc1/pressure", T0.AddSeconds(-1), T0.AddMinutes(1)).Count);
        }

        using (var reopened = Open())
        {
            var history = reopened.AttachHistory(_table, [], Day);
            history.Record([new Sample(0, T0, 20, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            reopened.Commit();

            var values = history.Query("plc1/pressure", T0.AddSeconds(-1), T0.AddMinutes(1));
            Assert.Equal(new[] { 20.0, 30, 10, 0, 11, 1, 12, 2, 13, 3, 14, 4 }, values.Select(p => p.Value));
            Assert.Equal(new[] { T0.AddTicks(-3), T0.AddTicks(-2), T0.AddTicks(-1), T0 }, values.Take(4).Select(p => p.Timestamp));
        }

        var ids = StoredHistory.Collections(DbPath).Values.SelectMany(v => v).ToArray();
        Assert.Equal(4, ids.Length);
        Assert.Equal(4, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Buckets_later_than_everything_stored_are_inserted_the_others_upserted_and_none_replaces_another()
    {
        using (var outbox = Open())
        {
            var history = outbox.AttachHistory(_table, [], Day);
            history.Record([new Sample(0, T0, 1, Quality.Good), new Sample(0, T0.AddSeconds(1), 2, Quality.Good)]);
            history.Record([new Sample(1, T0.AddMinutes(5), 100, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            outbox.Commit();
            Assert.Equal((2L, 0L), history.WriteCounts);
        }

        // After a restart the newest stored end is temp's 10:05. Pressure at 10:00 again (its device's clock was set
        // back) and at 10:03 (before that end: its id is not known to be unused) are upserted under free starts;
        // temp after 10:05 and pressure at 10:10 are inserted.
        using (var reopened = Open())
        {
            var history = reopened.AttachHistory(_table, [], Day);
            history.Record([new Sample(0, T0, 3, Quality.Good)]);
            history.Record([new Sample(1, T0.AddMinutes(6), 101, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            reopened.Commit();
            history.Record([new Sample(0, T0.AddMinutes(3), 4, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            reopened.Commit();
            history.Record([new Sample(0, T0.AddMinutes(10), 5, Quality.Good)]);
            _clock.Advance(HistoryStore.FlushInterval);
            reopened.Commit();

            Assert.Equal((2L, 2L), history.WriteCounts);
            Assert.Equal(new[] { 3.0, 1, 2, 4, 5 }, history.Query("plc1/pressure", T0.AddSeconds(-1), T0.AddHours(1)).Select(p => p.Value));
            Assert.Equal(new[] { 100.0, 101 }, history.Query("plc1/temp", T0, T0.AddHours(1)).Select(p => p.Value));
        }

        var ids = StoredHistory.Collections(DbPath).Values.SelectMany(v => v).ToArray();
        Assert.Equal(6, ids.Length);
        Assert.Equal(6, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Timestamps_going_back_across_a_partition_edge_start_a_bucket_in_the_earlier_partition()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, [], Day);
        var edge = T0.AddMinutes(15);
        history.Record([
            new Sample(0, edge.AddSeconds(5), 1, Quality.Good),
            new Sample(0, edge.AddSeconds(6), 2, Quality.Good),
            new Sample(0, edge.AddSeconds(-5), 3, Quality.Good),
            new Sample(0, edge.AddSeconds(7), 4, Quality.Good),
        ]);
        _clock.Advance(HistoryStore.FlushInterval);
        outbox.Commit();

        var stored = StoredHistory.Collections(DbPath);
        Assert.Single(stored["history_202611231000_15"]);
        Assert.Single(stored["history_202611231015_15"]);
        Assert.Equal(new[] { 3.0, 1, 2, 4 }, history.Query("plc1/pressure", T0, T0.AddHours(1)).Select(p => p.Value));
    }

    [Fact]
    public void When_the_gateway_clock_goes_back_the_open_buckets_are_written_at_the_next_commit()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, [], Day);
        history.Record([new Sample(0, T0, 1, Quality.Good)]);
        _clock.Advance(TimeSpan.FromHours(-1));
        outbox.Commit();

        Assert.Single(StoredHistory.Documents(DbPath));
    }

    [Fact]
    public void A_power_cut_while_a_partition_is_emptied_or_dropped_leaves_the_rest_readable_and_the_purge_finishes()
    {
        // 200 points, one bucket each, in partition 10:00; one value at 10:20 in partition 10:15.
        var table = new PointTable([
            new DeviceConfig { Id = "d", Points = Enumerable.Range(0, 200).Select(i => new PointConfig { Id = "p" + i, Type = PointType.Float32 }).ToList() },
        ]);
        using var outbox = Open(_dir.File("live/edgetwin.db"));
        var history = outbox.AttachHistory(table, [], Day);
        history.Record(Enumerable.Range(0, 200).Select(i => new Sample(i, T0, i, Quality.Good)).ToArray());
        history.Record([new Sample(0, T0.AddMinutes(20), -1, Quality.Good)]);
        _clock.Advance(TimeSpan.FromHours(1));
        outbox.Commit();

        // Partition 10:00 ended more than a day ago (10:15 not): each commit deletes MinPurgeBuckets of its buckets (it wrote none).
        _clock.Advance(Day - TimeSpan.FromMinutes(40));
        outbox.Commit();
        var emptying = CrashCopy("emptying");
        Assert.Equal(200 - HistoryStore.MinPurgeBuckets, StoredHistory.Collections(emptying)["history_202611231000_15"].Length);
        while (StoredHistory.Collections(_dir.File("live/edgetwin.db")).ContainsKey("history_202611231000_15"))
        {
            outbox.Commit();
        }

        var dropped = CrashCopy("dropped");
        foreach (var copy in new[] { emptying, dropped })
        {
            var clock = new ManualClock(_clock.GetUtcNow().UtcDateTime);
            using var reopened = Outbox.Open(new OutboxOptions { Path = copy }, NullLogger.Instance, clock);
            Assert.False(reopened.Recovered);
            var again = reopened.AttachHistory(table, [], Day);
            Assert.Equal(new[] { -1.0 }, again.Query("d/p0", T0.AddMinutes(15), T0.AddHours(1)).Select(p => p.Value));
            for (var i = 0; i < 200 / HistoryStore.MinPurgeBuckets + 1; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                reopened.Commit();
            }

            Assert.Equal(new[] { "history_202611231015_15" }, StoredHistory.Collections(copy).Keys);
        }
    }

    [Fact]
    public void Buckets_that_would_need_too_many_collections_are_not_stored_and_the_commit_still_succeeds()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, [], Day);

        // A device clock that jumps 15 minutes with every value: every bucket in a partition of its own.
        var count = HistoryPartitions.MaxCollections + 10;
        history.Record(Enumerable.Range(0, count).Select(i => new Sample(0, T0.AddMinutes(15 * i), i, Quality.Good)).ToArray());
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        _clock.Advance(HistoryStore.FlushInterval);
        Assert.Equal(1, outbox.Commit());

        // A commit leaves up to one closed bucket per point for the next one (HistoryStore.ClosedPerCommit).
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [2], T0);
        Assert.Equal(1, outbox.Commit());

        Assert.Equal(HistoryPartitions.MaxCollections, StoredHistory.Collections(DbPath).Count);
        Assert.Equal(HistoryPartitions.MaxCollections, history.Query("plc1/pressure", T0, T0.AddDays(7), maxPoints: 1000).Count);
        Assert.Equal(HistoryPartitions.MaxCollections, history.Collections);
        Assert.Equal(10, history.RefusedBuckets);
    }

    private string CrashCopy(string name)
    {
        var target = _dir.File(name);
        CrashImage.Copy(_dir.File("live"), target);
        return Path.Combine(target, "edgetwin.db");
    }
}
