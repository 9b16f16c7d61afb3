namespace EdgeTwin.Storage;

/// <summary>
/// The outbox's in-memory index of one batch document: its messages (without payloads) and which of them are gone
/// (acknowledged or dropped). The gone bitmap is persisted beside the document until every message is gone and the
/// document is deleted.
/// </summary>
internal sealed class StoredBatch
{
    public StoredBatch(long id, BatchEntry[] entries, byte[]? gone = null)
    {
        Id = id;
        Entries = entries;
        Gone = gone is not null && gone.Length == (entries.Length + 7) / 8 ? gone : new byte[(entries.Length + 7) / 8];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!IsGone(i))
            {
                Live++;
                LiveBytes += entries[i].Size;
            }
        }
    }

    /// <summary>The document's id (the first seq it was written with).</summary>
    public long Id { get; }

    /// <summary>The messages in seq order.</summary>
    public BatchEntry[] Entries { get; }

    /// <summary>Bit i set: message i is gone.</summary>
    public byte[] Gone { get; }

    /// <summary>Messages not gone.</summary>
    public int Live { get; private set; }

    /// <summary>Payload bytes of the messages not gone.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>The highest seq in the batch.</summary>
    public long LastSeq => Entries[^1].Seq;

    /// <summary>True when message <paramref name="i"/> was acknowledged or dropped.</summary>
    public bool IsGone(int i) => (Gone[i >> 3] & (1 << (i & 7))) != 0;

    /// <summary>Marks message <paramref name="i"/> gone; false when it already was.</summary>
    public bool MarkGone(int i)
    {
        if (IsGone(i))
        {
            return false;
        }

        Gone[i >> 3] |= (byte)(1 << (i & 7));
        Live--;
        LiveBytes -= Entries[i].Size;
        return true;
    }

    /// <summary>The position of <paramref name="seq"/> in the batch, or -1.</summary>
    public int IndexOf(long seq)
    {
        int lo = 0, hi = Entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = Entries[mid].Seq;
            if (s == seq)
            {
                return mid;
            }

            if (s < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>The position of the first message with a seq above <paramref name="seq"/> (Entries.Length when none).</summary>
    public int FirstAfter(long seq)
    {
        int lo = 0, hi = Entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Entries[mid].Seq <= seq)
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
}
