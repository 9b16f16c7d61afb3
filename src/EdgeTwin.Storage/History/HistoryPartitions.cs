using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Storage;

/// <summary>
/// The collections the history is stored in: one per time partition (see <see cref="HistoryPartition"/>) and, until
/// they are empty, those of earlier layouts. A bucket is written to the partition of its start time, so that an id
/// written twice (a point's timestamps repeating) lands in the same collection. The purge empties expired
/// collections a bounded number of buckets per commit, in the order they were written (the "e" index), and drops
/// each one once it is empty: LiteDB's <c>DropCollection</c> of a full partition would read and rewrite every one of
/// its pages in one transaction and hold them all in its page cache.
/// </summary>
/// <remarks>
/// Written on the pipeline thread (inside the outbox's transaction, except <see cref="DropEmptied"/>); read from any
/// thread through <see cref="Snapshot"/>, a list replaced, never changed.
/// </remarks>
internal sealed partial class HistoryPartitions
{
    /// <summary>The collections of earlier layouts, oldest first: still read and purged, dropped once empty.</summary>
    internal static readonly string[] LegacyNames = ["history", "history2"];

    /// <summary>The most collections the history may have; a bucket that would need one more is not stored.</summary>
    internal const int MaxCollections = 150;

    private const string EndField = "e";
    private readonly LiteDatabase _db;
    private readonly ILogger _logger;
    private readonly List<HistoryPartition> _emptied = new();
    private readonly HashSet<string> _indexed = new(StringComparer.OrdinalIgnoreCase);
    private HistoryPartition[] _all;
    private long _refused;

    /// <summary>Opens the history collections of <paramref name="db"/>, dropping those left empty.</summary>
    public HistoryPartitions(LiteDatabase db, TimeSpan span, ILogger logger)
    {
        _db = db;
        _logger = logger;
        Span = span;
        var found = new List<HistoryPartition>();
        foreach (var name in db.GetCollectionNames())
        {
            var partition = LegacyNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? HistoryPartition.Legacy(name) : HistoryPartition.Parse(name);
            if (partition is null)
            {
                continue;
            }

            if (!db.GetCollection(name).Exists(Query.All()))
            {
                // Emptied by the purge, and a stop or a power cut came before the drop.
                db.DropCollection(name);
                continue;
            }

            found.Add(partition);
            var newest = db.GetCollection(name).Query().OrderByDescending(EndField).Limit(1).FirstOrDefault();
            if (newest is not null && newest[EndField].IsInt64 && newest[EndField].AsInt64 > NewestStored.Ticks && newest[EndField].AsInt64 <= DateTime.MaxValue.Ticks)
            {
                NewestStored = new DateTime(newest[EndField].AsInt64, DateTimeKind.Utc);
            }
        }

        _all = Order(found);
    }

    /// <summary>The end of the newest bucket stored when opened: no stored bucket starts later.</summary>
    public DateTime NewestStored { get; }

    /// <summary>The span of the partitions made from now on.</summary>
    public TimeSpan Span { get; }

    /// <summary>
    /// Buckets not stored because they would have needed more than <see cref="MaxCollections"/> collections. Any thread.
    /// </summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The collections at this moment, earlier layouts first, then partitions by start. Any thread.</summary>
    public IReadOnlyList<HistoryPartition> Snapshot => Volatile.Read(ref _all);

    /// <summary>The collection of <paramref name="partition"/>.</summary>
    public ILiteCollection<BsonDocument> Collection(HistoryPartition partition) => _db.GetCollection(partition.Name);

    /// <summary>
    /// The partition a bucket starting at <paramref name="start"/> is written to: the narrowest existing partition
    /// covering it, or a new one of <see cref="Span"/>; null when that would exceed <see cref="MaxCollections"/>.
    /// Pipeline thread, inside the transaction.
    /// </summary>
    public ILiteCollection<BsonDocument>? For(DateTime start)
    {
        var partition = Narrowest(start);
        if (partition is null)
        {
            var all = _all;
            if (all.Length >= MaxCollections)
            {
                Interlocked.Increment(ref _refused);
                return null;
            }

            partition = HistoryPartition.Of(start, Span);
            Volatile.Write(ref _all, Order([.. all, partition]));
        }

        var collection = Collection(partition);
        if (_indexed.Add(partition.Name))
        {
            // Inside the transaction: a rolled back commit leaves no collection, and the next write ensures it again.
            collection.EnsureIndex(EndField);
        }

        return collection;
    }

    /// <summary>Forgets which collections have their index: the transaction that ensured them was rolled back.</summary>
    public void RolledBack() => _indexed.Clear();

    /// <summary>
    /// Deletes up to <paramref name="max"/> buckets whose values are all older than <paramref name="cutoff"/> from
    /// partitions that end before it and from earlier layouts, oldest written first; a collection found empty is
    /// dropped by the next <see cref="DropEmptied"/>, and one still holding newer buckets is left alone until
    /// <paramref name="idleUntil"/>.
    /// Pipeline thread, inside the transaction. Returns the number deleted.
    /// </summary>
    public int Purge(DateTime now, DateTime cutoff, int max, DateTime idleUntil)
    {
        var deleted = 0;
        foreach (var partition in Snapshot)
        {
            if (deleted >= max)
            {
                break;
            }

            if (partition.IdleUntil > now || _emptied.Contains(partition) || !partition.Purgeable(cutoff))
            {
                continue;
            }

            var collection = Collection(partition);
            var ids = collection.Find(Query.LT(EndField, cutoff.Ticks), 0, max - deleted).Select(d => d["_id"]).ToList();
            foreach (var id in ids)
            {
                collection.Delete(id);
            }

            deleted += ids.Count;
            if (deleted < max)
            {
                if (collection.Exists(Query.All()))
                {
                    partition.IdleUntil = idleUntil;
                }
                else
                {
                    _emptied.Add(partition);
                }
            }
        }

        return deleted;
    }

    /// <summary>
    /// Drops the collections the last purge emptied. Pipeline thread, outside any transaction (LiteDB drops no
    /// collection inside one); an empty collection costs LiteDB a few pages to drop. If a power cut comes first, the
    /// empty collection is dropped at the next open; if the drop fails, the next purge finds it empty again. True
    /// when it dropped any.
    /// </summary>
    public bool DropEmptied()
    {
        if (_emptied.Count == 0)
        {
            return false;
        }

        var dropped = new List<HistoryPartition>(_emptied.Count);
        foreach (var partition in _emptied)
        {
            try
            {
                _db.DropCollection(partition.Name);
                dropped.Add(partition);
                _indexed.Remove(partition.Name);
            }
            catch (LiteException ex)
            {
                Log.DropFailed(_logger, ex, partition.Name);
            }
        }

        _emptied.Clear();
        Volatile.Write(ref _all, Order(_all.Except(dropped)));
        return dropped.Count > 0;
    }

    private HistoryPartition? Narrowest(DateTime start)
    {
        HistoryPartition? best = null;
        foreach (var partition in _all)
        {
            if (!partition.IsLegacy && partition.Covers(start) && (best is null || partition.End - partition.Start < best.End - best.Start))
            {
                best = partition;
            }
        }

        return best;
    }

    private static HistoryPartition[] Order(IEnumerable<HistoryPartition> partitions) =>
        partitions.OrderBy(p => p.Start).ThenBy(p => p.End).ThenBy(p => p.Name, StringComparer.Ordinal).ToArray();

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Could not drop the emptied history collection {Name}; the purge tries again")]
        public static partial void DropFailed(ILogger logger, Exception exception, string name);
    }
}
