using System.Collections.Concurrent;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Storage;

/// <summary>
/// The store-and-forward buffer. Messages get their <c>seq</c> when added, are committed in groups (one durable
/// transaction per group: on the device before <see cref="Commit"/> returns) and stay until the broker has
/// acknowledged them. Readers see only durably committed messages, so nothing is published that could be lost by a
/// crash, and a crash loses at most the group not committed yet.
/// </summary>
/// <remarks>
/// One writer (the pipeline thread) adds and commits; other threads hand messages in with <see cref="Enqueue"/>,
/// which the next commit assigns a seq to. One reader (the uplink) reads and acknowledges. LiteDB binds a transaction
/// to its thread, so <see cref="Commit"/> and <see cref="Acknowledge(IReadOnlyCollection{long})"/> are synchronous.
/// </remarks>
public sealed partial class Outbox : IDisposable
{
    private const string MetaName = "meta";
    private readonly LiteDbFiles _files;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _batchDocs;
    private readonly ILiteCollection<BsonDocument> _goneDocs;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly SeqReservation _reservation;
    private readonly StoreLock _storeLock;
    private readonly List<OutboxMessage> _pending = new();
    private readonly ConcurrentQueue<DeferredMessage> _deferred = new();
    private readonly Dictionary<string, long> _newestByKey = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>
    /// Held by the write transactions of threads other than the pipeline (the uplink's acknowledgements, the audit
    /// log, persistent counters) and by the pipeline's idle-time upkeep: two LiteDB write transactions at once that allocate and free pages
    /// corrupted its free-page list ('empty page must be defined as empty type'). Separate from the gate that guards
    /// the in-memory index, so that the uplink reads what a commit made visible while the upkeep writes.
    /// </summary>
    private readonly object _writeGate = new();
    private readonly object _counterGate = new();
    private readonly ILogger _logger;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private HistoryStore? _history;
    private long _count;
    private long _bytes;
    private long _dropped;
    private long _lastCommitted;
    private bool _dropping;

    private Outbox(LiteDbFiles files, SeqReservation reservation, StoreLock storeLock, OutboxOptions options, ILogger logger, bool recovered, TimeProvider time)
    {
        _files = files;
        _storeLock = storeLock;
        _db = files.Database;
        _reservation = reservation;
        _logger = logger;
        _time = time;
        _maxBytes = options.MaxBytes;
        _batchDocs = _db.GetCollection(BatchesName, BsonAutoId.Int64);
        _goneDocs = _db.GetCollection(GoneName, BsonAutoId.Int64);
        _meta = _db.GetCollection(MetaName);
        Recovered = recovered;
        Audit = new AuditLog(_db, files.WaitDurable, _writeGate);

        var meta = _meta.FindById("state");
        var storedNext = meta?["next"].AsInt64 ?? 1;
        _dropped = meta?["dropped"].AsInt64 ?? 0;
        MigrateLegacyMessages();
        var maxSeq = LoadBatches();
        NextSeq = Math.Max(Math.Max(storedNext, maxSeq + 1), recovered ? reservation.ReservedUpTo : 1);
        _lastCommitted = NextSeq - 1;
        _reservation.Cover(NextSeq);
    }

    /// <summary>Raised (on the committing thread) after a group is committed.</summary>
    public event Action? Committed;

    /// <summary>Raised once when the buffer starts dropping telemetry because it is full (argument: messages dropped).</summary>
    public event Action<long>? DroppingStarted;

    /// <summary>True when the database was found corrupt at open and replaced by a new one.</summary>
    public bool Recovered { get; }

    /// <summary>The seq the next added message gets.</summary>
    public long NextSeq { get; private set; }

    /// <summary>The highest durably committed seq; nothing above it is visible to readers.</summary>
    public long LastCommittedSeq => Interlocked.Read(ref _lastCommitted);

    /// <summary>Number of messages added (or enqueued) but not committed yet.</summary>
    public int PendingCount => _pending.Count + _deferred.Count;

    /// <summary>The append-only audit log (write attempts and other commands), in the same database.</summary>
    public AuditLog Audit { get; }

    /// <summary>The local history of point values, once <see cref="AttachHistory"/> was called.</summary>
    public HistoryStore? History => Volatile.Read(ref _history);

    /// <summary>What waits to be sent.</summary>
    public BacklogInfo Backlog
    {
        get
        {
            lock (_gate)
            {
                DateTime? oldest = null;
                if (_batches.Find(b => b.Live > 0) is { } first)
                {
                    var i = 0;
                    while (first.IsGone(i))
                    {
                        i++;
                    }

                    oldest = new DateTime(first.Entries[i].Ticks, DateTimeKind.Utc);
                }

                return new BacklogInfo(_count, _bytes, oldest, _dropped);
            }
        }
    }

    /// <summary>The database's files and page cache at this moment. Any thread.</summary>
    public StorageUse StorageUse => new(
        FileLength(_files.Path),
        FileLength(LiteDbFiles.LogPath(_files.Path)),
        _files.Cache.AllocatedPages * (long)LiteDbCacheProbe.PageSize,
        _files.Cache.FreePages * (long)LiteDbCacheProbe.PageSize,
        _files.Cache.PagesInUse * (long)LiteDbCacheProbe.PageSize,
        _files.Cache.WritablePages * (long)LiteDbCacheProbe.PageSize);

    /// <summary>
    /// Opens (or creates) the outbox at <paramref name="options"/>.Path. A database that cannot be opened or fails its
    /// self-check is moved aside (the log line names where) and a new one is started above the reserved seq range.
    /// A store another process has open (its lock, <c>PATH.lock</c>, is held) is refused with
    /// <see cref="StoreInUseException"/> and left as it is.
    /// </summary>
    public static Outbox Open(OutboxOptions options, ILogger logger, TimeProvider? time = null)
    {
        var full = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var storeLock = StoreLock.Acquire(full);
        try
        {
            var reservation = new SeqReservation(full);
            LiteDbFiles? files = null;
            try
            {
                files = OpenChecked(full, options.Durable, options.Disk);
                return new Outbox(files, reservation, storeLock, options, logger, recovered: false, time ?? TimeProvider.System);
            }
            catch (Exception ex) when (ex is LiteException or InvalidDataException or InvalidCastException or IndexOutOfRangeException or ArgumentException or OverflowException or NullReferenceException or KeyNotFoundException)
            {
                files?.Dispose();
                var aside = MoveAside(full);
                Log.CorruptDatabase(logger, full, aside, ex.Message);
                return new Outbox(OpenChecked(full, options.Durable, options.Disk), reservation, storeLock, options, logger, recovered: true, time ?? TimeProvider.System);
            }
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }
    }

    /// <summary>Adds a message to the current group and returns its seq. Not visible to readers until committed. Pipeline thread only.</summary>
    public long Add(OutboxKind kind, string key, string topic, byte[] payload, DateTime timestamp, bool retain = false)
    {
        var seq = NextSeq++;
        _pending.Add(new OutboxMessage(seq, kind, key, topic, payload, timestamp, retain));
        return seq;
    }

    /// <summary>
    /// Hands a message in from any thread. The next <see cref="Commit"/> assigns its seq, calls
    /// <paramref name="payload"/> with it (on the committing thread) and commits it with the group.
    /// </summary>
    public void Enqueue(OutboxKind kind, string key, string topic, Func<long, byte[]> payload, DateTime timestamp, bool retain = false) =>
        _deferred.Enqueue(new DeferredMessage(kind, key, topic, payload, timestamp, retain));

    /// <summary>
    /// Starts the local history of <paramref name="table"/>'s points (asset properties resolve to their points),
    /// written with the outbox's group commits (or, with <see cref="CommitMessages"/>, by <see cref="Upkeep"/>) and
    /// kept for <paramref name="retention"/>.
    /// </summary>
    public HistoryStore AttachHistory(PointTable table, IReadOnlyList<AssetConfig> assets, TimeSpan retention)
    {
        var history = new HistoryStore(_db, table, assets, retention, _time, _logger);
        Volatile.Write(ref _history, history);
        return history;
    }

    /// <summary>
    /// Commits the current group (with the history that is due) in one transaction and returns when it is on the
    /// device. Returns the number of messages committed.
    /// </summary>
    public int Commit() => Commit(flushHistory: false, historyOnlyOverdue: false);

    /// <summary>
    /// Commits the current group like <see cref="Commit"/>, but leaves the history to <see cref="Upkeep"/> unless it
    /// is overdue: the hot path's commits stay short. Returns the number of messages committed.
    /// </summary>
    public int CommitMessages() => Commit(flushHistory: false, historyOnlyOverdue: true);

    private int Commit(bool flushHistory, bool historyOnlyOverdue)
    {
        DrainDeferred();
        var history = History;
        var now = _time.GetUtcNow().UtcDateTime;
        var historyDue = history is not null && (historyOnlyOverdue ? history.Overdue(now) : history.HasDue(now, flushHistory));
        if (_pending.Count == 0 && !historyDue)
        {
            return 0;
        }

        List<(StoredBatch Batch, OutboxMessage[] Messages)> written = [];
        _db.BeginTrans();
        try
        {
            written = WritePending();
            if (_pending.Count > 0)
            {
                _meta.Upsert(new BsonDocument { ["_id"] = "state", ["next"] = NextSeq, ["dropped"] = Interlocked.Read(ref _dropped) });
            }

            if (historyDue)
            {
                history!.WriteDue(now, flushHistory);
            }

            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            history?.RolledBack();
            throw;
        }

        _files.WaitDurable();
        _historyUnsynced = false;
        var committed = _pending.Count;
        lock (_gate)
        {
            foreach (var (batch, messages) in written)
            {
                _batches.Add(batch);
                CachePut(batch.Id, messages);
                _count += batch.Live;
                _bytes += batch.LiveBytes;
            }

            foreach (var message in _pending)
            {
                _newestByKey[message.Key] = message.Seq;
            }

            Interlocked.Exchange(ref _lastCommitted, NextSeq - 1);
        }

        _pending.Clear();
        _reservation.Cover(NextSeq);
        EnforceLimit();
        if (history?.AfterCommit() == true)
        {
            _files.WaitDurable();
        }

        if (committed > 0)
        {
            Committed?.Invoke();
        }

        return committed;
    }

    /// <summary>
    /// Increments the named persistent counter (e.g. Sparkplug's bdSeq) and returns its new value; the first call
    /// returns 0. Durable before it returns. Any thread.
    /// </summary>
    public long IncrementCounter(string name)
    {
        lock (_counterGate)
        {
            var id = "counter:" + name;
            var doc = _meta.FindById(id);
            var value = doc is null ? 0 : doc["v"].AsInt64 + 1;
            lock (_writeGate)
            {
                _meta.Upsert(new BsonDocument { ["_id"] = id, ["v"] = value });
            }

            _files.WaitDurable();
            return value;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Commits what is pending first. A store that can no longer be written (a full disk: LiteDB closes its engine at
    /// the first failed write) is logged, not thrown: the gateway is stopping anyway, what was committed before is on
    /// disk, and an exception out of the host's disposal would end the process with an abort instead of the exit code
    /// systemd restarts it on.
    /// </remarks>
    public void Dispose()
    {
        try
        {
            Commit(flushHistory: true, historyOnlyOverdue: false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Log.StopCommitFailed(_logger, ex, PendingCount, _files.Path, ex.Message);
        }
        finally
        {
            try
            {
                _files.Dispose();
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                Log.CloseFailed(_logger, ex, _files.Path, ex.Message);
            }
            finally
            {
                _storeLock.Dispose();
            }
        }
    }

    /// <summary>The store's files cannot be written (or LiteDB closed them after such a failure).</summary>
    private static bool IsStoreFailure(Exception ex) =>
        ex is IOException or LiteException or ObjectDisposedException or ArgumentOutOfRangeException;

    private void DrainDeferred()
    {
        while (_deferred.TryDequeue(out var d))
        {
            byte[] payload;
            try
            {
                payload = d.Payload(NextSeq);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A faulty event builder must not stop the pipeline; it loses only its own message, loudly.
                Log.DeferredFailed(_logger, ex, d.Topic);
                continue;
            }

            Add(d.Kind, d.Key, d.Topic, payload, d.Timestamp, d.Retain);
        }
    }

    private static LiteDbFiles OpenChecked(string path, bool durable, DiskBudget? disk)
    {
        var files = LiteDbFiles.Open(path, durable, disk);
        try
        {
            // Self-check: the collections we rely on must be readable end to end.
            var db = files.Database;
            _ = db.GetCollection(BatchesName).Query().Limit(1).FirstOrDefault();
            _ = db.GetCollection(GoneName).Count();
            _ = db.GetCollection(MetaName).FindById("state");
            HistoryStore.SelfCheck(db);
            AuditLog.SelfCheck(db);
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    private static string MoveAside(string path)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var aside = path + ".corrupt-" + stamp;
        File.Move(path, aside, overwrite: true);
        var log = LiteDbFiles.LogPath(path);
        if (File.Exists(log))
        {
            File.Move(log, aside + "-log", overwrite: true);
        }

        return aside;
    }

    private sealed record DeferredMessage(OutboxKind Kind, string Key, string Topic, Func<long, byte[]> Payload, DateTime Timestamp, bool Retain);

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Database {Path} is corrupt or unreadable ({Reason}); moved it to {Aside} and started a new one")]
        public static partial void CorruptDatabase(ILogger logger, string path, string aside, string reason);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Buffer full ({MaxBytes} bytes): dropped {Count} oldest messages")]
        public static partial void Dropped(ILogger logger, long count, long maxBytes);

        [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Could not build the message for {Topic}; it is not sent")]
        public static partial void DeferredFailed(ILogger logger, Exception exception, string topic);

        [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Could not store the last {Count} messages at stop: {Path} cannot be written ({Reason}); what was committed before is on disk")]
        public static partial void StopCommitFailed(ILogger logger, Exception exception, int count, string path, string reason);

        [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Could not close {Path} cleanly ({Reason}); LiteDB recovers it from its log at the next start")]
        public static partial void CloseFailed(ILogger logger, Exception exception, string path, string reason);

        [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Converted {Count} outbox messages stored one document each into batch documents")]
        public static partial void Migrated(ILogger logger, int count);
    }
}
