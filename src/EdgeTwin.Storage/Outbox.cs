using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Storage;

/// <summary>
/// The store-and-forward buffer. Messages get their <c>seq</c> when added, are committed in groups (one durable
/// transaction per group) and stay until the broker has acknowledged them. Only committed messages are ever read for
/// sending, so nothing is published that was not committed, and a crash loses at most the uncommitted group.
/// </summary>
/// <remarks>
/// One writer (the pipeline) adds and commits; one reader (the uplink) reads and acknowledges. LiteDB binds a
/// transaction to its thread, so <see cref="Commit"/> and <see cref="Acknowledge"/> are synchronous.
/// </remarks>
public sealed partial class Outbox : IDisposable
{
    private const string MessagesName = "outbox";
    private const string MetaName = "meta";
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _messages;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly SeqReservation _reservation;
    private readonly List<OutboxMessage> _pending = new();
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly long _maxBytes;
    private long _count;
    private long _bytes;
    private long _dropped;
    private long _lastCommitted;
    private bool _dropping;

    private Outbox(LiteDatabase db, SeqReservation reservation, OutboxOptions options, ILogger logger, bool recovered)
    {
        _db = db;
        _reservation = reservation;
        _logger = logger;
        _maxBytes = options.MaxBytes;
        _messages = db.GetCollection(MessagesName, BsonAutoId.Int64);
        _meta = db.GetCollection(MetaName);
        Recovered = recovered;

        var meta = _meta.FindById("state");
        var storedNext = meta?["next"].AsInt64 ?? 1;
        _dropped = meta?["dropped"].AsInt64 ?? 0;
        var newest = _messages.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
        var maxSeq = newest is null ? 0 : newest["_id"].AsInt64;
        NextSeq = Math.Max(Math.Max(storedNext, maxSeq + 1), recovered ? reservation.ReservedUpTo : 1);
        _lastCommitted = NextSeq - 1;
        foreach (var doc in _messages.Query().Select(x => x["n"]).ToEnumerable())
        {
            _count++;
            _bytes += doc.AsInt32;
        }

        _reservation.Cover(NextSeq);
    }

    /// <summary>Raised (on the committing thread) after a group is committed.</summary>
    public event Action? Committed;

    /// <summary>Raised once when the buffer starts dropping telemetry because it is full.</summary>
    public event Action<long>? DroppingStarted;

    /// <summary>True when the database was found corrupt at open and replaced by a new one.</summary>
    public bool Recovered { get; }

    /// <summary>The seq the next added message gets.</summary>
    public long NextSeq { get; private set; }

    /// <summary>The highest committed seq.</summary>
    public long LastCommittedSeq => Interlocked.Read(ref _lastCommitted);

    /// <summary>Number of messages added but not committed yet.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>What waits to be sent.</summary>
    public BacklogInfo Backlog
    {
        get
        {
            lock (_gate)
            {
                DateTime? oldest = null;
                if (_count > 0)
                {
                    var first = _messages.Query().OrderBy("_id").Limit(1).FirstOrDefault();
                    oldest = first?["ts"].AsDateTime.ToUniversalTime();
                }

                return new BacklogInfo(_count, _bytes, oldest, _dropped);
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the outbox at <paramref name="options"/>.Path. A database that cannot be opened or fails its
    /// self-check is moved aside (the log line names where) and a new one is started above the reserved seq range.
    /// </summary>
    public static Outbox Open(OutboxOptions options, ILogger logger)
    {
        var full = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var reservation = new SeqReservation(full);
        try
        {
            return new Outbox(OpenDatabase(full, options.Durable), reservation, options, logger, recovered: false);
        }
        catch (Exception ex) when (ex is LiteException or InvalidDataException or InvalidCastException or IndexOutOfRangeException or ArgumentException or OverflowException or NullReferenceException)
        {
            var aside = MoveAside(full);
            Log.CorruptDatabase(logger, full, aside, ex.Message);
            return new Outbox(OpenDatabase(full, options.Durable), reservation, options, logger, recovered: true);
        }
    }

    /// <summary>Adds a message to the current group and returns its seq. Not visible to readers until committed.</summary>
    public long Add(OutboxKind kind, string key, string topic, byte[] payload, DateTime timestamp, bool retain = false)
    {
        var seq = NextSeq++;
        _pending.Add(new OutboxMessage(seq, kind, key, topic, payload, timestamp, retain));
        return seq;
    }

    /// <summary>Commits the current group in one durable transaction. Returns the number of messages committed.</summary>
    public int Commit()
    {
        if (_pending.Count == 0)
        {
            return 0;
        }

        long added = 0;
        _db.BeginTrans();
        try
        {
            foreach (var message in _pending)
            {
                _messages.Insert(ToDocument(message));
                added += message.Payload.Length;
            }

            _meta.Upsert(new BsonDocument { ["_id"] = "state", ["next"] = NextSeq, ["dropped"] = _dropped });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }

        var committed = _pending.Count;
        lock (_gate)
        {
            _count += committed;
            _bytes += added;
        }

        Interlocked.Exchange(ref _lastCommitted, NextSeq - 1);
        _pending.Clear();
        _reservation.Cover(NextSeq);
        EnforceLimit();
        Committed?.Invoke();
        return committed;
    }

    /// <summary>Reads up to <paramref name="max"/> committed messages with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    public IReadOnlyList<OutboxMessage> ReadAfter(long afterSeq, int max)
    {
        var docs = _messages.Query().Where(Query.GT("_id", afterSeq)).OrderBy("_id").Limit(max).ToList();
        var result = new List<OutboxMessage>(docs.Count);
        foreach (var doc in docs)
        {
            result.Add(FromDocument(doc));
        }

        return result;
    }

    /// <summary>Removes acknowledged messages (one transaction).</summary>
    public void Acknowledge(IReadOnlyCollection<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        long removed = 0, bytes = 0;
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                foreach (var seq in seqs)
                {
                    var doc = _messages.FindById(seq);
                    if (doc is not null && _messages.Delete(seq))
                    {
                        removed++;
                        bytes += doc["n"].AsInt32;
                    }
                }

                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            _count -= removed;
            _bytes -= bytes;
            if (_bytes < _maxBytes * 9 / 10)
            {
                _dropping = false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_pending.Count > 0)
        {
            Commit();
        }

        _db.Dispose();
    }

    private void EnforceLimit()
    {
        lock (_gate)
        {
            if (_bytes <= _maxBytes)
            {
                return;
            }

            var target = _maxBytes * 9 / 10;
            long dropped = 0;
            _db.BeginTrans();
            try
            {
                // Oldest telemetry first; twin state and events only when no telemetry is left.
                foreach (var kind in new[] { OutboxKind.Telemetry, OutboxKind.Twin, OutboxKind.Event })
                {
                    while (_bytes > target)
                    {
                        var victims = _messages.Query().Where(Query.EQ("k", (int)kind)).OrderBy("_id").Limit(256).ToList();
                        if (victims.Count == 0)
                        {
                            break;
                        }

                        foreach (var doc in victims)
                        {
                            if (_bytes <= target)
                            {
                                break;
                            }

                            _messages.Delete(doc["_id"]);
                            _bytes -= doc["n"].AsInt32;
                            _count--;
                            dropped++;
                        }
                    }
                }

                _dropped += dropped;
                _meta.Upsert(new BsonDocument { ["_id"] = "state", ["next"] = NextSeq, ["dropped"] = _dropped });
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            Log.Dropped(_logger, dropped, _maxBytes);
            if (!_dropping)
            {
                _dropping = true;
                DroppingStarted?.Invoke(dropped);
            }
        }
    }

    private static BsonDocument ToDocument(OutboxMessage m) => new()
    {
        ["_id"] = m.Seq,
        ["k"] = (int)m.Kind,
        ["key"] = m.Key,
        ["t"] = m.Topic,
        ["p"] = m.Payload,
        ["n"] = m.Payload.Length,
        ["ts"] = m.Timestamp,
        ["r"] = m.Retain,
    };

    private static OutboxMessage FromDocument(BsonDocument d) => new(
        d["_id"].AsInt64,
        (OutboxKind)d["k"].AsInt32,
        d["key"].AsString,
        d["t"].AsString,
        d["p"].AsBinary,
        d["ts"].AsDateTime.ToUniversalTime(),
        d["r"].AsBoolean);

    private static LiteDatabase OpenDatabase(string path, bool durable)
    {
        var logPath = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(path)!,
            System.IO.Path.GetFileNameWithoutExtension(path) + "-log" + System.IO.Path.GetExtension(path));
        var settings = new EngineSettings
        {
            Filename = path,
            DataStream = durable ? new DurableFileStream(path) : null,
            LogStream = durable ? new DurableFileStream(logPath) : null,
        };
        var engine = new LiteEngine(settings);
        var db = new LiteDatabase(engine, disposeOnClose: true) { UtcDate = true };

        // Self-check: the collections we rely on must be readable end to end.
        var messages = db.GetCollection(MessagesName, BsonAutoId.Int64);
        messages.EnsureIndex("k");
        _ = messages.Count();
        _ = db.GetCollection(MetaName).FindById("state");
        return db;
    }

    private static string MoveAside(string path)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var aside = path + ".corrupt-" + stamp;
        File.Move(path, aside, overwrite: true);
        var log = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(path)!,
            System.IO.Path.GetFileNameWithoutExtension(path) + "-log" + System.IO.Path.GetExtension(path));
        if (File.Exists(log))
        {
            File.Move(log, aside + "-log", overwrite: true);
        }

        return aside;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Database {Path} is corrupt or unreadable ({Reason}); moved it to {Aside} and started a new one")]
        public static partial void CorruptDatabase(ILogger logger, string path, string aside, string reason);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Buffer full ({MaxBytes} bytes): dropped {Count} oldest messages")]
        public static partial void Dropped(ILogger logger, long count, long maxBytes);
    }
}
