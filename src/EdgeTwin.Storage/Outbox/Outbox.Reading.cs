using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>The reading side of the outbox: what the uplink sends and acknowledges.</summary>
public sealed partial class Outbox
{
    /// <summary>Reads up to <paramref name="max"/> committed messages with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    public IReadOnlyList<OutboxMessage> ReadAfter(long afterSeq, int max) => ReadRange(afterSeq, LastCommittedSeq, max);

    /// <summary>
    /// Reads up to <paramref name="max"/> committed messages with <paramref name="afterSeq"/> &lt; seq &lt;=
    /// <paramref name="upToSeq"/>, in seq order (never beyond <see cref="LastCommittedSeq"/>).
    /// </summary>
    public IReadOnlyList<OutboxMessage> ReadRange(long afterSeq, long upToSeq, int max)
    {
        var upTo = Math.Min(upToSeq, LastCommittedSeq);
        if (upTo <= afterSeq || max <= 0)
        {
            return [];
        }

        var docs = _messages.Query().Where(Query.Between("_id", afterSeq + 1, upTo)).OrderBy("_id").Limit(max).ToList();
        var result = new List<OutboxMessage>(docs.Count);
        foreach (var doc in docs)
        {
            result.Add(FromDocument(doc));
        }

        return result;
    }

    /// <summary>The committed message <paramref name="seq"/>, or null when it was acknowledged, dropped or never committed.</summary>
    public OutboxMessage? Find(long seq) =>
        seq > LastCommittedSeq ? null : _messages.FindById(seq) is { } doc ? FromDocument(doc) : null;

    /// <summary>The committed backlog at this moment: its boundary and the newest message of each key.</summary>
    public BacklogSnapshot SnapshotBacklog()
    {
        lock (_gate)
        {
            var boundary = Interlocked.Read(ref _lastCommitted);
            var newest = _newestByKey.Values.Where(s => s <= boundary).Order().ToList();
            return new BacklogSnapshot(boundary, newest);
        }
    }

    /// <summary>Removes acknowledged messages (one transaction).</summary>
    public void Acknowledge(IReadOnlyCollection<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        var list = seqs as IReadOnlyList<long> ?? seqs.ToList();
        RemoveAcknowledged(list.Count, list, static (s, i) => (s[i], -1));
    }

    /// <summary>Removes acknowledged messages (one transaction); cheaper than by seq, as the sizes are known.</summary>
    public void Acknowledge(IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        RemoveAcknowledged(messages.Count, messages, static (m, i) => (m[i].Seq, m[i].Payload.Length));
    }

    private void RemoveAcknowledged<T>(int count, T items, Func<T, int, (long Seq, int Bytes)> at)
    {
        long removed = 0, bytes = 0;
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var (seq, size) = at(items, i);
                    if (size < 0)
                    {
                        size = _messages.FindById(seq)?["n"].AsInt32 ?? 0;
                    }

                    if (_messages.Delete(seq))
                    {
                        removed++;
                        bytes += size;
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
}
