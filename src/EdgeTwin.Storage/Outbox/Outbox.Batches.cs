using System.Runtime.InteropServices;
using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// How the outbox stores messages: each group commit is written as one or a few batch documents
/// (<see cref="BatchCodec"/>), indexed in memory (<see cref="StoredBatch"/>); a batch partly acknowledged or dropped
/// keeps a small "gone" bitmap document beside it, and is deleted when all its messages are gone. Recently committed
/// or read batches are cached decoded, so the live lane of the uplink does not read back what was just written.
/// </summary>
public sealed partial class Outbox
{
    private const string BatchesName = "outbox_batches";
    private const string GoneName = "outbox_gone";
    private const int MaxBatchMessages = 1024;
    private const long CacheBytes = 4 << 20;
    private readonly List<StoredBatch> _batches = new();
    private readonly Dictionary<long, (OutboxMessage[] Messages, long Bytes)> _cache = new();
    private readonly Queue<long> _cacheOrder = new();
    private long _cachedBytes;

    /// <summary>Writes the pending group as batch documents inside the caller's transaction.</summary>
    private List<(StoredBatch Batch, OutboxMessage[] Messages)> WritePending()
    {
        var written = new List<(StoredBatch, OutboxMessage[])>();
        for (var start = 0; start < _pending.Count;)
        {
            var n = BatchCodec.CountThatFits(_pending, start, MaxBatchMessages, BatchCodec.MaxBlobBytes);
            var (blob, entries) = BatchCodec.Encode(_pending, start, n);
            _batchDocs.Insert(new BsonDocument { ["_id"] = entries[0].Seq, ["b"] = blob });
            written.Add((new StoredBatch(entries[0].Seq, entries), CollectionsMarshal.AsSpan(_pending).Slice(start, n).ToArray()));
            start += n;
        }

        return written;
    }

    /// <summary>Loads the index of every stored batch (at open) and deletes batches whose messages are all gone.</summary>
    private long LoadBatches()
    {
        var gone = new Dictionary<long, byte[]>();
        foreach (var doc in _goneDocs.FindAll())
        {
            gone[doc["_id"].AsInt64] = doc["g"].AsBinary;
        }

        long maxSeq = 0;
        var empty = new List<long>();
        foreach (var doc in _batchDocs.Query().OrderBy("_id").ToEnumerable())
        {
            var id = doc["_id"].AsInt64;
            var header = BatchCodec.ReadHeader(id, doc["b"].AsBinary);
            var batch = new StoredBatch(id, header.Entries, gone.GetValueOrDefault(id));
            gone.Remove(id);
            maxSeq = Math.Max(maxSeq, batch.LastSeq);
            if (batch.Live == 0)
            {
                empty.Add(id);
                continue;
            }

            _batches.Add(batch);
            _count += batch.Live;
            _bytes += batch.LiveBytes;
            for (var i = 0; i < header.Entries.Length; i++)
            {
                if (!batch.IsGone(i))
                {
                    _newestByKey[header.Strings[header.Entries[i].Key]] = header.Entries[i].Seq;
                }
            }
        }

        if (empty.Count > 0 || gone.Count > 0)
        {
            InTransaction(() =>
            {
                foreach (var id in empty.Concat(gone.Keys))
                {
                    _batchDocs.Delete(id);
                    _goneDocs.Delete(id);
                }
            });
        }

        return maxSeq;
    }

    /// <summary>The position in <see cref="_batches"/> of the first batch whose last seq is at least <paramref name="seq"/>.</summary>
    private int BatchAtOrAfter(long seq)
    {
        int lo = 0, hi = _batches.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_batches[mid].LastSeq < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The batch holding <paramref name="seq"/> and its position in it, or null. Under the gate.</summary>
    private (StoredBatch Batch, int Index)? Locate(long seq)
    {
        var at = BatchAtOrAfter(seq);
        if (at == _batches.Count)
        {
            return null;
        }

        var i = _batches[at].IndexOf(seq);
        return i < 0 ? null : (_batches[at], i);
    }

    /// <summary>The decoded messages of <paramref name="batch"/> (gone ones included), from the cache or the database. Under the gate.</summary>
    private OutboxMessage[] MessagesOf(StoredBatch batch)
    {
        if (_cache.TryGetValue(batch.Id, out var hit))
        {
            return hit.Messages;
        }

        var doc = _batchDocs.FindById(batch.Id)
            ?? throw new InvalidDataException($"outbox batch document {batch.Id} is missing from the database");
        var messages = BatchCodec.Decode(batch.Id, doc["b"].AsBinary);
        CachePut(batch.Id, messages);
        return messages;
    }

    private void CachePut(long id, OutboxMessage[] messages)
    {
        CacheRemove(id);
        long bytes = 0;
        foreach (var m in messages)
        {
            bytes += m.Payload.Length;
        }

        while (_cachedBytes + bytes > CacheBytes && _cacheOrder.TryDequeue(out var old))
        {
            CacheRemove(old);
        }

        _cache[id] = (messages, bytes);
        _cacheOrder.Enqueue(id);
        _cachedBytes += bytes;
    }

    private void CacheRemove(long id)
    {
        if (_cache.Remove(id, out var old))
        {
            _cachedBytes -= old.Bytes;
        }
    }

    /// <summary>
    /// Persists what became gone in <paramref name="touched"/> (inside the caller's transaction): a batch with nothing
    /// left is deleted, any other gets its bitmap saved.
    /// </summary>
    private void SaveGone(IEnumerable<StoredBatch> touched)
    {
        foreach (var batch in touched)
        {
            if (batch.Live == 0)
            {
                _batchDocs.Delete(batch.Id);
                _goneDocs.Delete(batch.Id);
            }
            else
            {
                _goneDocs.Upsert(new BsonDocument { ["_id"] = batch.Id, ["g"] = batch.Gone });
            }
        }
    }

    /// <summary>Forgets the batches with nothing left (after their deletion was committed). Under the gate.</summary>
    private void ForgetEmptyBatches()
    {
        _batches.RemoveAll(b =>
        {
            if (b.Live > 0)
            {
                return false;
            }

            CacheRemove(b.Id);
            return true;
        });
    }

    /// <summary>Runs <paramref name="write"/> in a transaction, under the write gate (see <see cref="_writeGate"/>).</summary>
    private void InTransaction(Action write)
    {
        lock (_writeGate)
        {
            _db.BeginTrans();
            try
            {
                write();
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }
}
