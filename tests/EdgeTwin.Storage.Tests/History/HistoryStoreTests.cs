using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

public sealed class HistoryStoreTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(T0);
    private readonly PointTable _table = new([
        new DeviceConfig
        {
            Id = "plc1",
            Points =
            [
                new PointConfig { Id = "pressure", Type = PointType.Float32 },
                new PointConfig { Id = "running", Type = PointType.Bool },
                new PointConfig { Id = "name", Type = PointType.String },
            ],
        },
    ]);

    private readonly AssetConfig[] _assets = [new AssetConfig { Id = "pump1", Properties = new Dictionary<string, string> { ["pressure"] = "plc1/pressure" } }];

    public void Dispose() => _dir.Dispose();

    private Outbox Open() => Outbox.Open(new OutboxOptions { Path = _dir.File("edgetwin.db") }, NullLogger.Instance, _clock);

    private static Sample[] Pressure(int from, int count, int stepMs = 500) =>
        Enumerable.Range(from, count).Select(i => new Sample(0, T0.AddMilliseconds(i * stepMs), i * 0.5, Quality.Good)).ToArray();

    [Fact]
    public void Recorded_values_are_queryable_at_once_by_point_or_asset_property_and_survive_a_restart()
    {
        using (var outbox = Open())
        {
            var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
            history.Record(Pressure(0, 10));
            history.Record([
                new Sample(1, T0, 1, Quality.Good),
                new Sample(2, T0, double.NaN, Quality.Good, "text has no history"),
                new Sample(0, T0.AddSeconds(20), double.NaN, Quality.Bad, "timeout"),
            ]);

            var byPoint = history.Query("plc1/pressure", T0, T0.AddMinutes(1));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 0.5), byPoint.Select(p => p.Value));
            Assert.Equal(byPoint, history.Query("pump1/pressure", T0, T0.AddMinutes(1)));
            Assert.Equal(T0.AddMilliseconds(1500), byPoint[3].Timestamp);
            Assert.Single(history.Query("plc1/running", T0, T0.AddMinutes(1)));
            Assert.Empty(history.Query("plc1/name", T0, T0.AddMinutes(1)));
            Assert.Throws<KeyNotFoundException>(() => history.Query("pump1/nothing", T0, T0.AddMinutes(1)));
        }

        using var reopened = Open();
        var again = reopened.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
        var values = again.Query("pump1/pressure", T0.AddSeconds(1), T0.AddSeconds(3));
        Assert.Equal(new[] { 1.0, 1.5, 2.0, 2.5, 3.0 }, values.Select(p => p.Value));
    }

    [Fact]
    public void Open_buckets_hold_their_values_compressed_and_give_them_back_exactly()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
        Assert.Equal(0, history.OpenBucketBytes);

        // 200 values a steady 100 ms apart, rising in steps of 0.5: as stored, 12 bytes each (2,400 bytes).
        var samples = Pressure(0, 200, stepMs: 100);
        history.Record(samples);
        Assert.InRange(history.OpenBucketBytes, 1, 200 * 12 / 4);
        var read = history.Query("plc1/pressure", T0, T0.AddMinutes(1));
        Assert.Equal(samples.Select(s => (s.Timestamp, s.Value)), read.Select(p => (p.Timestamp, p.Value)));
    }

    [Fact]
    public void Full_buckets_and_due_open_buckets_are_written_with_the_outbox_group_commit()
    {
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));

        // 300 values: the first bucket fills (256) and is due at the next commit; the open one waits for the flush interval.
        history.Record(Pressure(0, 300, stepMs: 100));
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        outbox.Commit();
        Assert.Equal(HistoryStore.BucketCapacity, StoredValues(path));

        _clock.Advance(HistoryStore.FlushInterval);
        outbox.Commit();
        Assert.Equal(300, StoredValues(path));
    }

    [Fact]
    public void A_bucket_that_closed_and_started_again_is_flushed_at_its_new_time_not_the_first_one()
    {
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(ManyPoints(1), [], TimeSpan.FromHours(1));
        var delay = HistoryStore.FlushInterval / 2; // the only point's flush delay

        // A full bucket at T0 (due at T0 + delay); 10 s later a value closes it and starts the next (due 10 s later).
        history.Record(Enumerable.Range(0, HistoryStore.BucketCapacity).Select(i => new Sample(0, T0.AddMilliseconds(i), i, Quality.Good)).ToArray());
        _clock.Advance(TimeSpan.FromSeconds(10));
        history.Record([new Sample(0, T0.AddSeconds(10), -1, Quality.Good)]);

        // At the first bucket's flush time only the closed bucket is written: the open one is not due yet.
        _clock.Advance(delay - TimeSpan.FromSeconds(9));
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        outbox.Commit();
        Assert.Equal(HistoryStore.BucketCapacity, StoredValues(path));

        _clock.Advance(TimeSpan.FromSeconds(10));
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        outbox.Commit();
        Assert.Equal(HistoryStore.BucketCapacity + 1, StoredValues(path));
    }

    [Fact]
    public void Points_are_flushed_in_the_order_they_fall_due_over_many_commits()
    {
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(ManyPoints(100), [], TimeSpan.FromHours(1));

        // Point i gets its first value i seconds after T0: each falls due one second after the one before.
        for (var i = 0; i < 100; i++)
        {
            history.Record([new Sample(i, T0.AddSeconds(i), i, Quality.Good)]);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Every point's delay is between half and all of the flush interval: by now some are due, some not.
        var stored = new List<int>();
        for (var step = 0; step < 200; step++)
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
            outbox.Commit();
            stored.Add(StoredValues(path));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(stored[0] is > 0 and < 100, $"{stored[0]} stored at the first commit");
        Assert.Equal(stored, stored.Order()); // never fewer
        Assert.Equal(100, stored[^1]);
        Assert.True(stored.Distinct().Count() > 20, "points fell due over many commits, not all at once");
    }

    [Fact]
    public void Written_values_are_never_written_again_and_a_point_continues_in_a_new_bucket()
    {
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
        history.Record(Pressure(0, 10));
        _clock.Advance(HistoryStore.FlushInterval);
        outbox.Commit();
        history.Record(Pressure(10, 5));
        _clock.Advance(HistoryStore.FlushInterval);
        outbox.Commit();

        // Two documents of 10 and 5 values: the first was not rewritten with the second's values.
        Assert.Equal(new[] { 10, 5 }, StoredBuckets(path));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => i * 0.5), history.Query("plc1/pressure", T0, T0.AddMinutes(1)).Select(p => p.Value));
    }

    [Fact]
    public void Nothing_is_written_before_a_bucket_is_due_and_a_clean_close_writes_everything()
    {
        var path = _dir.File("edgetwin.db");
        using (var outbox = Open())
        {
            var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
            history.Record(Pressure(0, 10));
            _clock.Advance(HistoryStore.FlushInterval / 2 - TimeSpan.FromSeconds(1));
            outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
            outbox.Commit();
            Assert.Equal(0, StoredValues(path));
        }

        Assert.Equal(10, StoredValues(path));
    }

    [Fact]
    public void The_hot_path_commit_leaves_due_history_to_the_upkeep_which_writes_it_in_chunks()
    {
        var path = _dir.File("edgetwin.db");
        var table = ManyPoints(200);
        using var outbox = Open();
        var history = outbox.AttachHistory(table, [], TimeSpan.FromHours(1));
        history.Record(Enumerable.Range(0, 200).Select(i => new Sample(i, T0, i, Quality.Good)).ToArray());
        _clock.Advance(HistoryStore.FlushInterval);
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);

        Assert.Equal(1, outbox.CommitMessages());
        Assert.Equal(0, StoredValues(path));
        Assert.Equal(199.0, Assert.Single(history.Query("plc1/p199", T0, T0.AddMinutes(1))).Value);
        Assert.True(outbox.UpkeepDue);

        var steps = 0;
        while (outbox.Upkeep())
        {
            steps++;
        }

        // Four chunks of at most 64 buckets, then the fsync that makes them durable; then nothing is left to do.
        Assert.Equal(5, steps);
        Assert.Equal(200, StoredValues(path));
        Assert.False(outbox.UpkeepDue);
        Assert.Equal(199.0, Assert.Single(history.Query("plc1/p199", T0, T0.AddMinutes(1))).Value);
    }

    [Fact]
    public void History_left_unwritten_for_a_whole_flush_interval_goes_with_the_hot_path_commit()
    {
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(ManyPoints(200), [], TimeSpan.FromHours(1));
        history.Record(Enumerable.Range(0, 200).Select(i => new Sample(i, T0, i, Quality.Good)).ToArray());
        _clock.Advance(2 * HistoryStore.FlushInterval);
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);

        Assert.Equal(1, outbox.CommitMessages());
        Assert.Equal(200, StoredValues(path));
    }

    [Fact]
    public void Values_older_than_the_retention_are_deleted()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromMinutes(30));
        history.Record(Pressure(0, 10));
        _clock.Advance(TimeSpan.FromMinutes(15));
        history.Record([new Sample(0, T0.AddMinutes(15), 42, Quality.Good)]);
        outbox.Commit();
        Assert.Equal(11, history.Query("plc1/pressure", T0, T0.AddHours(1)).Count);

        _clock.Advance(TimeSpan.FromMinutes(16));
        outbox.Commit();

        var left = history.Query("plc1/pressure", T0, T0.AddHours(1));
        Assert.Equal(42, Assert.Single(left).Value);
    }

    [Fact]
    public void More_values_than_asked_for_are_averaged_in_equal_consecutive_groups()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
        history.Record(Pressure(0, 100));

        var points = history.Query("plc1/pressure", T0, T0.AddHours(1), maxPoints: 10);

        Assert.Equal(10, points.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(g => (g * 10 + 4.5) * 0.5), points.Select(p => p.Value));
        Assert.Equal(T0.AddMilliseconds(4.5 * 500), points[0].Timestamp);
    }

    [Fact]
    public void A_time_range_query_is_exact_across_stored_buckets_and_does_not_mix_points()
    {
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));

        // One value every 10 s for 40 minutes: buckets close at their 10-minute span and are all stored.
        for (var i = 0; i < 240; i++)
        {
            history.Record([new Sample(0, T0.AddSeconds(i * 10), i, Quality.Good), new Sample(1, T0.AddSeconds(i * 10), -i, Quality.Good)]);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        outbox.Commit();
        Assert.Equal(480, StoredValues(_dir.File("edgetwin.db")));

        // From inside one bucket (started 10 minutes earlier) to inside another, both bounds included.
        var from = T0.AddSeconds(605);
        var to = T0.AddSeconds(1810);
        var values = history.Query("plc1/pressure", from, to, maxPoints: 1000);
        Assert.Equal(Enumerable.Range(61, 121).Select(i => (double)i), values.Select(p => p.Value));
        Assert.Equal(Enumerable.Range(61, 121).Select(i => T0.AddSeconds(i * 10)), values.Select(p => p.Timestamp));
        Assert.Equal(Enumerable.Range(0, 240).Select(i => (double)-i), history.Query("plc1/running", T0, T0.AddHours(1)).Select(p => p.Value));
    }

    [Fact]
    public void Buckets_of_both_earlier_layouts_stay_readable_and_their_collections_are_dropped_once_they_expire()
    {
        var path = _dir.File("edgetwin.db");
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path }))
        {
            // "history": indexes on k and e; "history2": on e; the same bucket documents.
            var first = db.GetCollection("history");
            first.EnsureIndex("k");
            first.EnsureIndex("e");
            first.Insert(StoredHistory.Bucket("plc1/pressure", T0, 7.5, 8.5));
            var second = db.GetCollection("history2");
            second.EnsureIndex("e");
            second.Insert(StoredHistory.Bucket("plc1/pressure", T0.AddMinutes(5), 9, 10));
            second.Insert(StoredHistory.Bucket("plc1/pressure", T0.AddMinutes(25), 11, 12));
        }

        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromMinutes(30));
        history.Record([new Sample(0, T0.AddMinutes(30), 20, Quality.Good)]);
        _clock.Advance(TimeSpan.FromMinutes(30));
        outbox.Commit();
        Assert.Equal(
            new[] { 7.5, 8.5, 9, 10, 11, 12, 20 },
            history.Query("pump1/pressure", T0, T0.AddHours(1)).Select(p => p.Value));

        // 10:36: "history" holds nothing newer than 10:06 and goes at once; "history2" keeps its 10:25 bucket.
        _clock.Advance(TimeSpan.FromMinutes(6));
        outbox.Commit();
        Assert.Equal(new[] { 11.0, 12, 20 }, history.Query("plc1/pressure", T0, T0.AddHours(1)).Select(p => p.Value));
        Assert.Equal(new[] { "history2", "history_202611231030_1" }, StoredHistory.Collections(path).Keys);

        _clock.Advance(TimeSpan.FromMinutes(5));
        outbox.Commit();
        Assert.Equal(new[] { "history2", "history_202611231030_1" }, StoredHistory.Collections(path).Keys);

        // 10:56: the 10:25 bucket is older than the retention, "history2" is empty and dropped.
        _clock.Advance(TimeSpan.FromMinutes(15));
        outbox.Commit();
        Assert.Equal(new[] { 20.0 }, history.Query("plc1/pressure", T0, T0.AddHours(1)).Select(p => p.Value));
        Assert.Equal(new[] { "history_202611231030_1" }, StoredHistory.Collections(path).Keys);
    }

    [Fact]
    public void Points_whose_ids_are_neighbours_are_written_by_the_same_commit()
    {
        var devices = Enumerable.Range(0, 8).Select(d => new DeviceConfig
        {
            Id = "d" + d,
            Points = Enumerable.Range(0, 16).Select(p => new PointConfig { Id = "p" + p, Type = PointType.Float32 }).ToList(),
        }).Reverse().ToList();
        var table = new PointTable(devices);
        using var outbox = Open();
        var history = outbox.AttachHistory(table, [], TimeSpan.FromHours(1));
        history.Record(Enumerable.Range(0, table.Points.Count).Select(i => new Sample(i, T0, i, Quality.Good)).ToArray());

        // Half the flush interval: the first slot in id order is due, whatever the configured order.
        _clock.Advance(HistoryStore.FlushInterval / 2);
        outbox.Commit();
        var first = table.Points.Select(p => p.Key).Order(StringComparer.Ordinal).Take(table.Points.Count / HistoryStore.FlushSlots);
        Assert.Equal(new[] { "d0/p0", "d0/p1" }, first);
        Assert.Equal(first, StoredKeys(_dir.File("edgetwin.db")));
    }

    [Fact]
    public void Buckets_that_fill_together_are_written_over_several_commits_and_stay_readable_meanwhile()
    {
        // 200 points filling their buckets in the same batch: a commit writes at most 64 of them (twice a flush
        // slot's 4 points, but at least 64), oldest first; a clean close writes whatever still waits.
        var path = _dir.File("edgetwin.db");
        var table = new PointTable([new DeviceConfig
        {
            Id = "d",
            Points = Enumerable.Range(0, 200).Select(p => new PointConfig { Id = "p" + p, Type = PointType.Float32 }).ToList(),
        }]);
        using (var outbox = Open())
        {
            var history = outbox.AttachHistory(table, [], TimeSpan.FromHours(1));
            for (var v = 0; v <= HistoryStore.BucketCapacity; v++)
            {
                history.Record(Enumerable.Range(0, 200).Select(p => new Sample(p, T0.AddMilliseconds(v * 100), v, Quality.Good)).ToArray());
            }

            var stored = new List<int>();
            for (var commit = 0; commit < 4; commit++)
            {
                outbox.Add(OutboxKind.Telemetry, "d", "t", [1], T0);
                outbox.Commit();
                stored.Add(StoredHistory.Documents(path).Count);
            }

            Assert.Equal(new[] { 64, 128, 192, 200 }, stored);
            var values = history.Query("d/p199", T0, T0.AddMinutes(1));
            Assert.Equal(Enumerable.Range(0, HistoryStore.BucketCapacity + 1).Select(v => (double)v), values.Select(p => p.Value));
        }

        Assert.Equal(200 * (HistoryStore.BucketCapacity + 1), StoredValues(path));
    }

    [Fact]
    public void Closed_buckets_wait_for_later_commits_but_never_more_than_one_per_point()
    {
        // 3 points, one of them filling 100 buckets before a commit: beyond the 64 a commit writes, no more than one
        // closed bucket per point may wait, so that commit writes 97; the next one writes the other 3.
        var path = _dir.File("edgetwin.db");
        using var outbox = Open();
        var history = outbox.AttachHistory(_table, _assets, TimeSpan.FromHours(1));
        history.Record(Pressure(0, (100 * HistoryStore.BucketCapacity) + 1, stepMs: 100));
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        outbox.Commit();
        Assert.Equal(97 * HistoryStore.BucketCapacity, StoredValues(path));
        outbox.Add(OutboxKind.Telemetry, "plc1", "t", [1], T0);
        outbox.Commit();
        Assert.Equal(100 * HistoryStore.BucketCapacity, StoredValues(path));
    }

    private static int[] StoredBuckets(string path) =>
        StoredHistory.Documents(path).OrderBy(d => d["_id"].AsString, StringComparer.Ordinal).Select(d => d["v"].AsBinary.Length / 8).ToArray();

    private static string[] StoredKeys(string path) =>
        StoredHistory.Documents(path).Select(d => d["_id"].AsString.Split('|')[0]).Order(StringComparer.Ordinal).ToArray();

    private static PointTable ManyPoints(int count) => new([
        new DeviceConfig
        {
            Id = "plc1",
            Points = Enumerable.Range(0, count).Select(i => new PointConfig { Id = $"p{i:D3}", Type = PointType.Float32 }).ToArray(),
        },
    ]);

    private static int StoredValues(string path) => StoredHistory.Documents(path).Sum(d => d["v"].AsBinary.Length / 8);
}
