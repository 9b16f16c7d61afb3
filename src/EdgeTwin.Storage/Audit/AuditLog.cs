using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// An append-only log of commands that touch the plant (write attempts, allowed or denied), kept in the gateway's
/// database. Every append is durable before it returns. Thread-safe.
/// </summary>
public sealed class AuditLog
{
    private const string Name = "audit";
    private readonly ILiteCollection<BsonDocument> _entries;
    private readonly Action _durable;
    private readonly object _gate;

    /// <summary>
    /// <paramref name="gate"/> is the lock of the store's other writers: LiteDB transactions belong to a thread, and an
    /// insert from another thread in the middle of the outbox's group commit can corrupt pages.
    /// </summary>
    internal AuditLog(LiteDatabase db, Action durable, object gate)
    {
        _gate = gate;
        _entries = db.GetCollection(Name, BsonAutoId.Int64);
        _durable = durable;
    }

    /// <summary>Appends <paramref name="entry"/> and returns it with its id.</summary>
    public AuditEntry Append(AuditEntry entry)
    {
        lock (_gate)
        {
            var id = _entries.Insert(new BsonDocument
            {
                ["ts"] = entry.Timestamp.ToUniversalTime(),
                ["who"] = entry.Who,
                ["action"] = entry.Action,
                ["target"] = entry.Target,
                ["value"] = entry.Value is null ? BsonValue.Null : new BsonValue(entry.Value),
                ["result"] = entry.Result,
                ["reason"] = entry.Reason is null ? BsonValue.Null : new BsonValue(entry.Reason),
            });
            _durable();
            return entry with { Id = id.AsInt64 };
        }
    }

    /// <summary>The newest <paramref name="max"/> entries (optionally only those at or after <paramref name="since"/>), oldest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int max = 100, DateTime? since = null)
    {
        var query = _entries.Query();
        if (since is { } from)
        {
            query = query.Where(Query.GTE("ts", from.ToUniversalTime()));
        }

        var docs = query.OrderByDescending("_id").Limit(Math.Max(0, max)).ToList();
        docs.Reverse();
        return docs.Select(d => new AuditEntry(
            d["ts"].AsDateTime.ToUniversalTime(),
            d["who"].AsString,
            d["action"].AsString,
            d["target"].AsString,
            d["value"].IsNull ? null : d["value"].AsString,
            d["result"].AsString,
            d["reason"].IsNull ? null : d["reason"].AsString) { Id = d["_id"].AsInt64 }).ToList();
    }

    internal static void SelfCheck(LiteDatabase db) => _ = db.GetCollection(Name).Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
}
