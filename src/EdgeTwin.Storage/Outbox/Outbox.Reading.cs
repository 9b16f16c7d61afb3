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

        var result = new List<OutboxMessage>(Math.Min(max, 1024));
        lock (_gate)
        {
            for (var b = BatchAtOrAfter(afterSeq + 1); b < _batches.Count && result.Count < max; b++)
            {
                var batch = _batches[b];
                var i = batch.FirstAfter(afterSeq);
                if (i == batch.Entries.Length || batch.Entries[i].Seq > upTo)
                {
                    break;
                }

                var messages = MessagesOf(batch);
                for (; i < batch.Entries.Length && result.Count < max && batch.Entries[i].Seq <= upTo; i++)
                {
                    if (!batch.IsGone(i))
                    {
                        result.Add(messages[i]);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The committed message <paramref name="seq"/>, or null when it was acknowledged, dropped or never committed.</summary>
    public OutboxMessage? Find(long seq)
    {
        if (seq > LastCommittedSeq)
        {
            return null;
        }

        lock (_gate)
        {
            return Locate(seq) is { } at && !at.Batch.IsGone(at.Index) ? MessagesOf(at.Batch)[at.Index] : null;
        }
    }

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
        if (seqs.Count > 0)
        {
            RemoveAcknowledged(seqs);
        }
    }

    /// <summary>Removes acknowledged messages (one transaction).</summary>
    public void Acknowledge(IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count > 0)
        {
            RemoveAcknowledged(messages.Select(m => m.Seq));
        }
    }

    private void RemoveAcknowledged(IEnumerable<long> seqs)
    {
        lock (_gate)
        {
            long removed = 0, bytes = 0;
            var touched = new HashSet<StoredBatch>();
            StoredBatch? last = null;
            foreach (var seq in seqs)
            {
                // Acknowledgements come mostly in seq order: try the batch of the previous one first.
                var index = last?.IndexOf(seq) ?? -1;
                var batch = last;
                if (index < 0 && Locate(seq) is { } at)
                {
                    (batch, index) = at;
                }

                if (index >= 0 && batch!.MarkGone(index))
                {
                    removed++;
                    bytes += batch.Entries[index].Size;
                    touched.Add(batch);
                    last = batch;
                }
            }

            if (touched.Count == 0)
            {
                return;
            }

            InTransaction(() => SaveGone(touched));
            ForgetEmptyBatches();
            _count -= removed;
            _bytes -= bytes;
            if (_bytes < _maxBytes * 9 / 10)
            {
                _dropping = false;
            }
        }
    }
}
