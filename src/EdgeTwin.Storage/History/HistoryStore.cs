using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Storage;

/// <summary>
/// The local history of point values (what the twin's models and the operator page read back), in the gateway's
/// database. The pipeline records the samples it publishes; they are kept in per-point buckets and written in the
/// outbox's transactions: with its group commits (<see cref="Outbox.Commit"/>) or, on the daemon's hot path, in
/// chunks while the pipeline is idle (<see cref="Outbox.Upkeep"/>). Every value is written once: a bucket closes when
/// it is full, spans <see cref="BucketSpan"/>, or has been open for its flush time (between half and all of
/// <see cref="FlushInterval"/>, spread over the points so that not every point is written by the same transaction);
/// the next write takes it and the point's next value starts a new bucket. A power cut loses at most
/// <see cref="FlushInterval"/> of local history, twice that if the pipeline is never idle (<see cref="Overdue"/>; the
/// outbox itself loses nothing committed). Buckets are stored in time partitions (see
/// <see cref="HistoryPartitions"/>); once a partition ends before now minus the retention, its buckets are deleted as
/// all their values get older than the retention, and it is dropped when empty: a value is kept for at least the
/// retention and at most the retention plus the longer of the partition span and <see cref="BucketSpan"/>.
/// </summary>
public sealed partial class HistoryStore
{
    /// <summary>Values per stored bucket.</summary>
    public const int BucketCapacity = 256;

    /// <summary>Longest time one bucket covers.</summary>
    public static readonly TimeSpan BucketSpan = TimeSpan.FromMinutes(10);

    /// <summary>Longest time a recorded value stays only in memory.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Flush times are spread over this many slots of half the flush interval: one slot's buckets (at 10,000 points
    /// 156, neighbours in the id index) fall due together and are written by one or a few transactions.
    /// </summary>
    internal const int FlushSlots = 64;

    /// <summary>
    /// Partitions per retention: the span is the shortest of 1, 5, 15, 30 minutes, 1, 3, 6, 12 hours or a power of two
    /// of days that is at least the retention divided by this (15 minutes for 24 h). The index an insert reads and
    /// changes is its partition's, so its size stops growing after one span; about this many collections exist.
    /// </summary>
    internal const int PartitionsPerRetention = 96;

    /// <summary>Fewest closed buckets a commit writes while any wait (see <see cref="ClosedPerCommit"/>).</summary>
    internal const int MinClosedPerCommit = 64;

    /// <summary>Fewest expired buckets a commit deletes while any are left (it deletes twice what it wrote, if more).</summary>
    internal const int MinPurgeBuckets = 64;

    /// <summary>Most buckets one idle-time history write (<see cref="Outbox.Upkeep"/>) writes: a few milliseconds.</summary>
    internal const int ChunkBuckets = 64;

    /// <summary>Closed buckets waiting that make the history overdue (see <see cref="Overdue"/>).</summary>
    internal const int OverdueClosed = 4096;

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);
    private readonly HistoryPartitions _partitions;
    private readonly ILogger _logger;
    private readonly PointTable _table;
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly HistoryBucket?[] _open;
    private readonly DateTime[] _flushAt;

    // Open buckets by flush time (point, its _flushAt when queued): a commit takes what is due from the front instead
    // of looking at every point (at 50,000 points that walk, once per chunk of the idle-time writes, took a tenth of
    // the gateway's CPU). An entry whose point has been flushed or restarted since is stale and skipped.
    private readonly PriorityQueue<int, DateTime> _flushQueue = new();
    private readonly TimeSpan[] _flushDelay;
    private readonly List<ClosedHistoryBucket> _closed = new();
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly DateTime[] _newestStart;
    private long _inserted;
    private long _upserted;
    private readonly (DateTime Time, DateTime Start)[] _repeated;
    private DateTime _closedSince = DateTime.MaxValue;
    private DateTime _lastPurge;
    private bool _purging;
    private long _refusedLogged;

    internal HistoryStore(LiteDatabase db, PointTable table, IReadOnlyList<AssetConfig> assets, TimeSpan retention, TimeProvider time, ILogger logger)
    {
        _partitions = new HistoryPartitions(db, HistoryPartition.SpanFor(retention, PartitionsPerRetention), logger);
        _logger = logger;
        _table = table;
        Retention = retention;
        _time = time;
        _open = new HistoryBucket?[table.Points.Count];
        _flushAt = new DateTime[table.Points.Count];
        _newestStart = new DateTime[table.Points.Count];
        Array.Fill(_newestStart, _partitions.NewestStored);
        _repeated = new (DateTime, DateTime)[table.Points.Count];
        _flushDelay = FlushDelays(table);
        foreach (var point in table.Points)
        {
            _byName[point.Key] = point.Index;
        }

        foreach (var asset in assets)
        {
            foreach (var (property, key) in asset.Properties)
            {
                if (table.TryGet(key, out var point))
                {
                    _byName.TryAdd(asset.Id + "/" + property, point.Index);
                }
            }
        }

        _lastPurge = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>How long values are kept (at least).</summary>
    public TimeSpan Retention { get; }

    /// <summary>The time span of the partitions written from now on.</summary>
    public TimeSpan PartitionSpan => _partitions.Span;

    /// <summary>History collections now (partitions and earlier layouts). Any thread.</summary>
    public int Collections => _partitions.Snapshot.Count;

    /// <summary>Buckets not stored since the start because they would have needed too many collections. Any thread.</summary>
    public long RefusedBuckets => _partitions.Refused;

    /// <summary>Buckets written since the start with an insert (their ids unused by construction) and with an upsert.</summary>
    internal (long Inserted, long Upserted) WriteCounts => (Interlocked.Read(ref _inserted), Interlocked.Read(ref _upserted));

    /// <summary>
    /// Bytes the open buckets hold in memory (their compressed values, buffers included; not the objects themselves).
    /// Any thread; walks every point's bucket, so meant for a metrics scrape, not a hot path.
    /// </summary>
    public long OpenBucketBytes
    {
        get
        {
            lock (_gate)
            {
                long bytes = 0;
                foreach (var bucket in _open)
                {
                    bytes += bucket?.MemoryBytes ?? 0;
                }

                return bytes;
            }
        }
    }

    /// <summary>Records the samples of one published batch. Pipeline thread.</summary>
    public void Record(ReadOnlySpan<Sample> samples)
    {
        lock (_gate)
        {
            foreach (ref readonly var s in samples)
            {
                if (s.Quality is not (Quality.Good or Quality.Uncertain) || !double.IsFinite(s.Value)
                    || (uint)s.Point >= (uint)_open.Length || _table.Points[s.Point].Config.Type == PointType.String)
                {
                    continue;
                }

                var bucket = _open[s.Point];
                if (bucket is null || !bucket.Open || !bucket.Fits(s.Timestamp, BucketSpan))
                {
                    if (bucket is { Open: true })
                    {
                        if (_closed.Count == 0)
                        {
                            _closedSince = _time.GetUtcNow().UtcDateTime;
                        }

                        _closed.Add(bucket.Take());
                    }

                    var (start, idUnused) = FreeStart(s.Point, s.Timestamp);
                    if (bucket is null)
                    {
                        bucket = _open[s.Point] = new HistoryBucket(_table.Points[s.Point].Key, start, BucketCapacity, idUnused);
                    }
                    else
                    {
                        bucket.Restart(start, idUnused);
                    }

                    var flushAt = _time.GetUtcNow().UtcDateTime + _flushDelay[s.Point];
                    _flushAt[s.Point] = flushAt;
                    _flushQueue.Enqueue(s.Point, flushAt);
                }

                bucket.Add(s.Timestamp, s.Value);
            }
        }
    }

    /// <summary>
    /// The values of a point ("device/point") or an asset property ("asset/property") between
    /// <paramref name="from"/> and <paramref name="to"/>, oldest first. When there are more than
    /// <paramref name="maxPoints"/>, consecutive values are averaged in equal groups so that at most that many remain.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Neither a point nor an asset property has that name.</exception>
    public IReadOnlyList<HistoryPoint> Query(string pointOrProperty, DateTime from, DateTime to, int maxPoints = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        if (!_byName.TryGetValue(pointOrProperty, out var index))
        {
            throw new KeyNotFoundException($"'{pointOrProperty}' is neither a point (device/point) nor an asset property (asset/property)");
        }

        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        var key = _table.Points[index].Key;
        var points = new List<HistoryPoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            // In memory first (newest), then what is stored but not in memory any more.
            foreach (var closed in _closed.Where(b => b.Key == key))
            {
                seen.Add(closed.Document["_id"].AsString);
                Collect(HistoryBucket.ValuesOf(closed.Document), from, to, points);
            }

            if (_open[index] is { Open: true } open)
            {
                seen.Add(open.Id);
                Collect(open.Values(), from, to, points);
            }
        }

        // A bucket spans at most BucketSpan: one starting earlier cannot reach from. Partitions in time order, then the
        // earlier layouts; a bucket id lives in one collection only (see FreeStart), the first one read wins.
        var first = from - DateTime.MinValue > BucketSpan ? from - BucketSpan : DateTime.MinValue;
        var ids = LiteDB.Query.Between("_id", HistoryBucket.IdOf(key, first), HistoryBucket.IdOf(key, to));
        var collections = _partitions.Snapshot;
        foreach (var partition in collections.Where(p => !p.IsLegacy).Concat(collections.Where(p => p.IsLegacy)))
        {
            if (partition.Start > to || partition.End <= first)
            {
                continue;
            }

            foreach (var doc in _partitions.Collection(partition).Find(ids))
            {
                if (seen.Add(doc["_id"].AsString))
                {
                    Collect(HistoryBucket.ValuesOf(doc), from, to, points);
                }
            }
        }

        points.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return points.Count <= maxPoints ? points : Downsample(points, maxPoints);
    }

    /// <summary>Reads the first bucket of every history collection (a corrupt database fails here, at open).</summary>
    internal static void SelfCheck(LiteDatabase db)
    {
        foreach (var name in db.GetCollectionNames().Where(n => HistoryPartitions.LegacyNames.Contains(n, StringComparer.OrdinalIgnoreCase) || HistoryPartition.Parse(n) is not null))
        {
            _ = db.GetCollection(name).Query().Limit(1).FirstOrDefault();
        }
    }

    // The front of the flush queue (a stale entry makes it early: one commit then finds nothing due), or never.
    private DateTime NextFlush => _flushQueue.TryPeek(out _, out var at) ? at : DateTime.MaxValue;

    /// <summary>True when the next commit has history to write (or <paramref name="force"/> and anything unwritten).</summary>
    internal bool HasDue(DateTime now, bool force)
    {
        lock (_gate)
        {
            return _closed.Count > 0 || _purging || now - _lastPurge >= PurgeInterval || (force ? _flushQueue.Count > 0 : FlushDue(now, NextFlush));
        }
    }

    /// <summary>
    /// True when what is due has waited so long that the next commit should write it whatever it costs: a closed
    /// bucket (or the earliest open one's flush time) more than <see cref="FlushInterval"/> ago, or more closed
    /// buckets than <see cref="OverdueClosed"/>. Normally the pipeline writes the history in its idle time, in chunks
    /// (<see cref="Outbox.Upkeep"/>); this is the fallback for a pipeline that is never idle.
    /// </summary>
    internal bool Overdue(DateTime now)
    {
        lock (_gate)
        {
            return _closed.Count >= OverdueClosed
                || (_closed.Count > 0 && now - _closedSince >= FlushInterval)
                || (_flushQueue.Count > 0 && now - NextFlush >= FlushInterval);
        }
    }

    /// <summary>
    /// Writes what is due (at most <paramref name="max"/> buckets, closed ones first) and deletes a share of what
    /// expired; called inside a transaction of the outbox on the pipeline thread. Returns true when more is due.
    /// </summary>
    internal bool WriteDue(DateTime now, bool force, int max = int.MaxValue)
    {
        lock (_gate)
        {
            var cutoff = now - Retention;
            var written = 0;
            var taken = 0;
            var limit = force ? _closed.Count : ClosedPerCommit(_closed.Count);
            while (taken < limit && written < max)
            {
                written += Write(_closed[taken++], cutoff);
            }

            _closed.RemoveRange(0, taken);
            while (written < max && _flushQueue.TryPeek(out var point, out var flushAt) && (force || FlushDue(now, flushAt)))
            {
                _flushQueue.Dequeue();
                if (_open[point] is { Open: true } bucket && _flushAt[point] == flushAt)
                {
                    written += Write(bucket.Take(), cutoff);
                    bucket.Restart(bucket.Start);
                }
            }

            if (_purging || now - _lastPurge >= PurgeInterval)
            {
                var purge = Math.Max(MinPurgeBuckets, 2 * written);
                _purging = _partitions.Purge(now, cutoff, purge, now + PurgeInterval) == purge;
                _lastPurge = now;
            }

            if (_partitions.Refused > _refusedLogged)
            {
                Log.Refused(_logger, _partitions.Refused - _refusedLogged, HistoryPartitions.MaxCollections);
                _refusedLogged = _partitions.Refused;
            }

            return _closed.Count > 0 || FlushDue(now, NextFlush);
        }
    }

    /// <summary>Drops the collections the commit emptied; called after it, outside the transaction. True when it dropped any.</summary>
    internal bool AfterCommit() => _partitions.DropEmptied();

    /// <summary>The transaction <see cref="WriteDue"/> wrote in was rolled back.</summary>
    internal void RolledBack() => _partitions.RolledBack();

    /// <summary>
    /// How many of <paramref name="waiting"/> closed buckets the next commit writes: points sampled at the same rate
    /// fill their buckets at the same moment (at 10,000 points and 10 values a second, the third of them whose flush
    /// delay is longer than 25.6 s, every 25.6 s), and writing them all in one commit made LiteDB's transaction hold
    /// thousands of pages, which grew its page cache 13 to 36 MB for good. So a commit writes at most twice a flush
    /// slot's share of the points (at least <see cref="MinClosedPerCommit"/>), oldest first, the rest waits for the
    /// next commits; but never more than one closed bucket per point waits, so memory stays bounded when commits are
    /// slow.
    /// </summary>
    private int ClosedPerCommit(int waiting)
    {
        var perCommit = Math.Max(MinClosedPerCommit, 2 * ((_open.Length + FlushSlots - 1) / FlushSlots));
        return Math.Max(Math.Min(waiting, perCommit), waiting - _open.Length);
    }

    /// <summary>
    /// Due at <paramref name="at"/>, or at once when the clock is more than a flush interval before it (it went back:
    /// waiting for it to catch up would keep values only in memory for that long).
    /// </summary>
    private static bool FlushDue(DateTime now, DateTime at) => now >= at || (at != DateTime.MaxValue && at - now > FlushInterval);

    /// <summary>Writes <paramref name="bucket"/> to its partition, unless all its values are older than <paramref name="cutoff"/>.</summary>
    private int Write(ClosedHistoryBucket bucket, DateTime cutoff)
    {
        if (bucket.End < cutoff || _partitions.For(bucket.Start) is not { } collection)
        {
            return 0;
        }

        if (bucket.IdUnused)
        {
            collection.Insert(bucket.Document);
            Interlocked.Increment(ref _inserted);
        }
        else
        {
            collection.Upsert(bucket.Document);
            Interlocked.Increment(ref _upserted);
        }

        return 1;
    }

    /// <summary>
    /// The start for a new bucket of <paramref name="point"/> at <paramref name="time"/>: <paramref name="time"/>,
    /// unless a bucket of that point with that start exists (possible only when the point's timestamps repeat or go
    /// back, here or against what was stored before the start); then 100 ns earlier, until free, so that no bucket
    /// replaces another. IdUnused is true for a start later than every stored bucket's end (the newest start is
    /// never earlier than <see cref="HistoryPartitions.NewestStored"/>) and every start given before: no bucket can
    /// have that id, so it is inserted (see <see cref="HistoryBucket.IdUnused"/>).
    /// </summary>
    private (DateTime Start, bool IdUnused) FreeStart(int point, DateTime time)
    {
        if (time > _newestStart[point])
        {
            _newestStart[point] = time;
            return (time, true);
        }

        // A point stuck at one timestamp repeats it with every bucket: go on below the start it got last time.
        var key = _table.Points[point].Key;
        var start = _repeated[point].Time == time ? _repeated[point].Start.AddTicks(-1) : time;
        while (Taken(key, start))
        {
            start = start.AddTicks(-1);
        }

        _repeated[point] = (time, start);
        return (start, false);
    }

    private bool Taken(string key, DateTime start)
    {
        foreach (var bucket in _closed)
        {
            if (bucket.Start == start && bucket.Key == key)
            {
                return true;
            }
        }

        var id = HistoryBucket.IdOf(key, start);
        foreach (var partition in _partitions.Snapshot)
        {
            if (partition.Covers(start) && _partitions.Collection(partition).Exists(LiteDB.Query.EQ("_id", id)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Between half and all of the flush interval, by point, so that flushes spread over commits. Points whose
    /// bucket ids are neighbours share a slot: a commit then inserts into one region of the id index, and the index
    /// pages it reads and changes are mostly the same ones for all its buckets.
    /// </summary>
    private static TimeSpan[] FlushDelays(PointTable table)
    {
        var byId = table.Points.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var delays = new TimeSpan[byId.Length];
        for (var rank = 0; rank < byId.Length; rank++)
        {
            delays[byId[rank].Index] = FlushInterval / 2 + FlushInterval / 2 * (rank * FlushSlots / byId.Length) / FlushSlots;
        }

        return delays;
    }

    private static void Collect(IEnumerable<HistoryPoint> values, DateTime from, DateTime to, List<HistoryPoint> output)
    {
        foreach (var point in values)
        {
            if (point.Timestamp >= from && point.Timestamp <= to)
            {
                output.Add(point);
            }
        }
    }

    private static List<HistoryPoint> Downsample(List<HistoryPoint> points, int maxPoints)
    {
        var group = (points.Count + maxPoints - 1) / maxPoints;
        var result = new List<HistoryPoint>(maxPoints);
        for (var start = 0; start < points.Count; start += group)
        {
            var end = Math.Min(points.Count, start + group);
            // Times as offsets from the group's first: summing raw ticks in a double would lose precision.
            var origin = points[start].Timestamp.Ticks;
            long offsets = 0;
            double sum = 0;
            for (var i = start; i < end; i++)
            {
                offsets += points[i].Timestamp.Ticks - origin;
                sum += points[i].Value;
            }

            var n = end - start;
            result.Add(new HistoryPoint(new DateTime(origin + offsets / n, DateTimeKind.Utc), sum / n));
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "{Count} history buckets were not stored: their start times would need more than {Max} history collections (device clocks far apart?)")]
        public static partial void Refused(ILogger logger, long count, int max);
    }
}
