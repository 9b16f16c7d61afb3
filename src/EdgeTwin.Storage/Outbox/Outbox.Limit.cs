using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>The size limit: beyond <see cref="OutboxOptions.MaxBytes"/> the oldest telemetry goes first.</summary>
public sealed partial class Outbox
{
    /// <summary>
    /// Most bytes below the limit one drop goes (10 % of the limit if that is less). Dropping a tenth of the default
    /// 256 MB deleted some 3,200 pages in one transaction, and LiteDB grew its page cache by two 8 MB segments for
    /// them, which it never gives back (bench opcua at full rate without an uplink: 13 to 36 MB).
    /// </summary>
    private const long MaxDropMargin = 4L << 20;

    private static readonly OutboxKind[] DropOrder = [OutboxKind.Telemetry, OutboxKind.Twin, OutboxKind.Event];

    private void EnforceLimit()
    {
        lock (_gate)
        {
            if (_bytes <= _maxBytes)
            {
                return;
            }

            // Drop down to 90 % (or 4 MB below the limit, if less) so that a full buffer does not drop on every
            // commit. The victims are chosen from the in-memory index, oldest first, and the walk stops as soon as
            // enough is freed.
            var target = _maxBytes - Math.Min(_maxBytes / 10, MaxDropMargin);
            long dropped = 0;
            var touched = new List<StoredBatch>();
            foreach (var kind in DropOrder)
            {
                for (var b = 0; b < _batches.Count && _bytes > target; b++)
                {
                    var batch = _batches[b];
                    var hit = false;
                    for (var i = 0; i < batch.Entries.Length && _bytes > target; i++)
                    {
                        if (batch.Entries[i].Kind == kind && batch.MarkGone(i))
                        {
                            _bytes -= batch.Entries[i].Size;
                            _count--;
                            dropped++;
                            hit = true;
                        }
                    }

                    if (hit && !touched.Contains(batch))
                    {
                        touched.Add(batch);
                    }
                }
            }

            Interlocked.Add(ref _dropped, dropped);
            var compacted = new List<(StoredBatch Old, StoredBatch New, OutboxMessage[] Messages)>();
            InTransaction(() =>
            {
                foreach (var batch in touched)
                {
                    if (batch.Live > 0)
                    {
                        compacted.Add(Compact(batch));
                    }
                }

                SaveGone(touched.Where(b => b.Live == 0));
                _meta.Upsert(new BsonDocument { ["_id"] = "state", ["next"] = NextSeq, ["dropped"] = Interlocked.Read(ref _dropped) });
            });

            foreach (var (old, compact, messages) in compacted)
            {
                _batches[_batches.IndexOf(old)] = compact;
                CachePut(compact.Id, messages);
            }

            ForgetEmptyBatches();
            Log.Dropped(_logger, dropped, _maxBytes);
            if (!_dropping)
            {
                _dropping = true;
                DroppingStarted?.Invoke(dropped);
            }
        }
    }

    /// <summary>
    /// Rewrites a partly dropped batch with only its remaining messages (inside the caller's transaction), so that
    /// dropped payloads free their space on disk, not only in the count.
    /// </summary>
    private (StoredBatch Old, StoredBatch New, OutboxMessage[] Messages) Compact(StoredBatch batch)
    {
        var all = MessagesOf(batch);
        var kept = new List<OutboxMessage>(batch.Live);
        for (var i = 0; i < all.Length; i++)
        {
            if (!batch.IsGone(i))
            {
                kept.Add(all[i]);
            }
        }

        var (blob, entries) = BatchCodec.Encode(kept, 0, kept.Count);
        _batchDocs.Update(new BsonDocument { ["_id"] = batch.Id, ["b"] = blob });
        _goneDocs.Delete(batch.Id);
        return (batch, new StoredBatch(batch.Id, entries), kept.ToArray());
    }
}
