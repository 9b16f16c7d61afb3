using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// The local history of point values (what the twin's models and the operator page read back), in the gateway's
/// database. The pipeline records the samples it publishes; they are kept in per-point buckets and written with the
/// outbox's group commits. Every value is written once: a bucket closes when it is full, spans
/// <see cref="BucketSpan"/>, or has been open for its flush time (between half and all of <see cref="FlushInterval"/>,
/// spread over the points so that not every point is written by the same commit); the next commit writes it and the
/// point's next value starts a new bucket. A power cut loses at most <see cref="FlushInterval"/> of local history
/// (the outbox itself loses nothing committed). Buckets older than the retention are deleted once a minute.
/// </summary>
public sealed class HistoryStore
{
    /// <summary>Values per stored bucket.</summary>
    public const int BucketCapacity = 256;

    /// <summary>Longest time one bucket covers.</summary>
    public static readonly TimeSpan BucketSpan = TimeSpan.FromMinutes(10);

    /// <summary>Longest time a recorded value stays only in memory.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Flush times are spread over this many slots of half the flush interval: with commits every 50 ms, one commit
    /// writes one slot's buckets (at 10,000 points 156, neighbours in the id index).
    /// </summary>
    internal const int FlushSlots = 64;

    /// <summary>
    /// The collection: buckets found by their id alone (see <see cref="HistoryBucket"/>), plus an index on "e" (end
    /// ticks) for the purge. Its name changed with that layout: "history" (an index on "k" too, which every insert
    /// had to update at a point's place) is still read and purged until its last bucket is gone, and dropped at the
    /// next start after that.
    /// </summary>
    internal const string CollectionName = "history2";

    /// <summary>The collection of the previous layout.</summary>
    internal const string LegacyCollectionName = "history";
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);
    private readonly ILiteCollection<BsonDocument> _buckets;
    private ILiteCollection<BsonDocument>? _legacy;
    private readonly PointTable _table;
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly HistoryBucket?[] _open;
    private readonly DateTime[] _flushAt;
    private readonly TimeSpan[] _flushDelay;
    private readonly List<HistoryBucket> _closed = new();
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private DateTime _nextFlush = DateTime.MaxValue;
    private DateTime _lastPurge;

    internal HistoryStore(LiteDatabase db, PointTable table, IReadOnlyList<AssetConfig> assets, TimeSpan retention, TimeProvider time)
    {
        _buckets = db.GetCollection(CollectionName);
        _buckets.EnsureIndex("e");
        _legacy = OpenLegacy(db);
        _table = table;
        Retention = retention;
        _time = time;
        _open = new HistoryBucket?[table.Points.Count];
        _flushAt = new DateTime[table.Points.Count];
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

    /// <summary>How long values are kept.</summary>
    public TimeSpan Retention { get; }

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
                if (bucket is null || !bucket.Fits(s.Timestamp, BucketSpan))
                {
                    if (bucket is not null)
                    {
                        _closed.Add(bucket);
                    }

                    bucket = _open[s.Point] = new HistoryBucket(_table.Points[s.Point].Key, s.Timestamp, BucketCapacity);
                    var flushAt = _time.GetUtcNow().UtcDateTime + _flushDelay[s.Point];
                    _flushAt[s.Point] = flushAt;
                    if (flushAt < _nextFlush)
                    {
                        _nextFlush = flushAt;
                    }
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
            foreach (var bucket in _closed.Where(b => b.Key == key).Append(_open[index]).OfType<HistoryBucket>())
            {
                seen.Add(bucket.Id);
                Collect(bucket, from, to, points);
            }
        }

        // A bucket spans at most BucketSpan: one starting earlier cannot reach from.
        var ids = LiteDB.Query.Between("_id", HistoryBucket.IdOf(key, from - DateTime.MinValue > BucketSpan ? from - BucketSpan : DateTime.MinValue), HistoryBucket.IdOf(key, to));
        var legacy = Volatile.Read(ref _legacy);
        foreach (var doc in legacy is null ? _buckets.Find(ids) : _buckets.Find(ids).Concat(legacy.Find(ids)))
        {
            if (!seen.Contains(doc["_id"].AsString))
            {
                Collect(HistoryBucket.FromDocument(doc), from, to, points);
            }
        }

        points.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return points.Count <= maxPoints ? points : Downsample(points, maxPoints);
    }

    internal static void SelfCheck(LiteDatabase db) => _ = db.GetCollection(CollectionName).Query().Limit(1).FirstOrDefault();

    /// <summary>The collection of the previous layout while it holds buckets; dropped once empty.</summary>
    private static ILiteCollection<BsonDocument>? OpenLegacy(LiteDatabase db)
    {
        if (!db.CollectionExists(LegacyCollectionName))
        {
            return null;
        }

        var legacy = db.GetCollection(LegacyCollectionName);
        if (legacy.Exists(LiteDB.Query.All()))
        {
            return legacy;
        }

        db.DropCollection(LegacyCollectionName);
        return null;
    }

    /// <summary>True when the next commit has history to write (or <paramref name="force"/> and anything unwritten).</summary>
    internal bool HasDue(DateTime now, bool force)
    {
        lock (_gate)
        {
            return _closed.Count > 0 || now - _lastPurge >= PurgeInterval || (force ? _nextFlush != DateTime.MaxValue : now >= _nextFlush);
        }
    }

    /// <summary>Writes what is due; called inside the outbox's transaction on the pipeline thread.</summary>
    internal void WriteDue(DateTime now, bool force)
    {
        lock (_gate)
        {
            foreach (var bucket in _closed)
            {
                _buckets.Upsert(bucket.ToDocument());
            }

            _closed.Clear();
            if (force || now >= _nextFlush)
            {
                _nextFlush = DateTime.MaxValue;
                for (var i = 0; i < _open.Length; i++)
                {
                    if (_open[i] is not { } bucket)
                    {
                        continue;
                    }

                    if (force || now >= _flushAt[i])
                    {
                        _buckets.Upsert(bucket.ToDocument());
                        _open[i] = null;
                    }
                    else if (_flushAt[i] < _nextFlush)
                    {
                        _nextFlush = _flushAt[i];
                    }
                }
            }

            if (now - _lastPurge >= PurgeInterval)
            {
                var expired = LiteDB.Query.LT("e", (now - Retention).Ticks);
                _buckets.DeleteMany(expired);
                if (_legacy is not null)
                {
                    _legacy.DeleteMany(expired);
                    if (!_legacy.Exists(LiteDB.Query.All()))
                    {
                        // Dropped at the next start: LiteDB drops no collection inside a transaction.
                        Volatile.Write(ref _legacy, null);
                    }
                }

                _lastPurge = now;
            }
        }
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

    private static void Collect(HistoryBucket bucket, DateTime from, DateTime to, List<HistoryPoint> output)
    {
        for (var i = 0; i < bucket.Count; i++)
        {
            var t = bucket.At(i);
            if (t >= from && t <= to)
            {
                output.Add(new HistoryPoint(t, bucket.ValueAt(i)));
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
}
