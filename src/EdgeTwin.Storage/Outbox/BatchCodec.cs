using System.Buffers.Binary;
using System.Text;

namespace EdgeTwin.Storage;

/// <summary>One message of a stored batch, as the outbox indexes it in memory (no payload).</summary>
/// <param name="Seq">The message's seq.</param>
/// <param name="Ticks">Its timestamp (UTC ticks).</param>
/// <param name="Size">Payload bytes.</param>
/// <param name="Key">Index of its key in the batch's string table.</param>
/// <param name="Topic">Index of its topic in the batch's string table.</param>
/// <param name="Kind">Telemetry, twin or event.</param>
/// <param name="Retain">Publish with the retain flag.</param>
internal readonly record struct BatchEntry(long Seq, long Ticks, int Size, int Key, int Topic, OutboxKind Kind, bool Retain);

/// <summary>The header of a stored batch: its string table (keys and topics) and its messages without payloads.</summary>
/// <param name="Strings">Distinct keys and topics.</param>
/// <param name="Entries">The messages, in seq order.</param>
/// <param name="PayloadStart">Offset of the first payload; the payloads follow each other in entry order.</param>
internal readonly record struct BatchHeader(string[] Strings, BatchEntry[] Entries, int PayloadStart);

/// <summary>
/// The binary form of a group of outbox messages stored as one LiteDB document: a version byte, the message count,
/// a string table (each key and topic once), a fixed-size entry per message, then the payloads back to back.
/// One document per group instead of one per message saves LiteDB a document, two index entries and a BSON
/// document per message.
/// </summary>
internal static class BatchCodec
{
    /// <summary>
    /// The largest document the outbox writes with more than one message in it. Kept below the runtime's
    /// large-object threshold (85,000 bytes including the array's header): the blob is allocated when a group is
    /// encoded and again by LiteDB whenever the document is read, and at full rate a blob of up to 1 MB per commit
    /// made every large-object allocation start a full collection and left the GC keeping 250 MB committed for a
    /// live heap of 100 MB.
    /// </summary>
    public const int MaxBlobBytes = 80 * 1024;

    private const byte Version = 1;
    private const int HeaderBytes = 1 + 4 + 4;
    private const int EntryBytes = 8 + 8 + 4 + 4 + 4 + 1 + 1;

    /// <summary>
    /// How many messages of <paramref name="messages"/> from <paramref name="start"/> (at most
    /// <paramref name="maxCount"/>) go into one batch so that its blob is at most <paramref name="maxBytes"/>:
    /// exactly the size <see cref="Encode"/> gives, and always at least one message (a message larger than the
    /// limit is a document of its own).
    /// </summary>
    public static int CountThatFits(IReadOnlyList<OutboxMessage> messages, int start, int maxCount, int maxBytes)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        long size = HeaderBytes;
        var n = 0;
        while (start + n < messages.Count && n < maxCount)
        {
            var m = messages[start + n];
            var add = (long)EntryBytes + m.Payload.Length;
            if (!strings.Contains(m.Key))
            {
                add += 4 + Encoding.UTF8.GetByteCount(m.Key);
            }

            if (m.Topic != m.Key && !strings.Contains(m.Topic))
            {
                add += 4 + Encoding.UTF8.GetByteCount(m.Topic);
            }

            if (n > 0 && size + add > maxBytes)
            {
                break;
            }

            strings.Add(m.Key);
            strings.Add(m.Topic);
            size += add;
            n++;
        }

        return n;
    }

    /// <summary>Encodes <paramref name="count"/> messages of <paramref name="messages"/> from <paramref name="start"/>.</summary>
    public static (byte[] Blob, BatchEntry[] Entries) Encode(IReadOnlyList<OutboxMessage> messages, int start, int count)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var strings = new List<string>();
        var entries = new BatchEntry[count];
        long size = HeaderBytes + ((long)EntryBytes * count);
        for (var i = 0; i < count; i++)
        {
            var m = messages[start + i];
            entries[i] = new BatchEntry(m.Seq, m.Timestamp.ToUniversalTime().Ticks, m.Payload.Length, Intern(m.Key), Intern(m.Topic), m.Kind, m.Retain);
            size += m.Payload.Length;
        }

        foreach (var s in strings)
        {
            size += 4 + Encoding.UTF8.GetByteCount(s);
        }

        if (size > int.MaxValue)
        {
            throw new ArgumentException($"outbox batch of {count} messages is too large ({size} bytes)", nameof(count));
        }

        var blob = new byte[size];
        var span = blob.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], count);
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], strings.Count);
        var at = 9;
        foreach (var s in strings)
        {
            var n = Encoding.UTF8.GetBytes(s, span[(at + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], n);
            at += 4 + n;
        }

        foreach (var e in entries)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], e.Seq);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], e.Ticks);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 16)..], e.Size);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 20)..], e.Key);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 24)..], e.Topic);
            span[at + 28] = (byte)e.Kind;
            span[at + 29] = e.Retain ? (byte)1 : (byte)0;
            at += EntryBytes;
        }

        for (var i = 0; i < count; i++)
        {
            var payload = messages[start + i].Payload;
            payload.CopyTo(span[at..]);
            at += payload.Length;
        }

        return (blob, entries);

        int Intern(string s)
        {
            if (!index.TryGetValue(s, out var i))
            {
                i = strings.Count;
                index.Add(s, i);
                strings.Add(s);
            }

            return i;
        }
    }

    /// <summary>Reads the header of the batch stored as document <paramref name="id"/>; every length is checked.</summary>
    public static BatchHeader ReadHeader(long id, byte[] blob)
    {
        var span = (ReadOnlySpan<byte>)blob;
        if (span.Length < 9 || span[0] != Version)
        {
            throw Corrupt(id, span.Length < 9 ? "shorter than its header" : $"unknown version {span[0]}");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(span[1..]);
        var stringCount = BinaryPrimitives.ReadInt32LittleEndian(span[5..]);
        if (count <= 0 || stringCount <= 0 || stringCount > 2 * count)
        {
            throw Corrupt(id, $"{count} messages with {stringCount} strings");
        }

        var at = 9;
        var strings = new string[stringCount];
        for (var i = 0; i < stringCount; i++)
        {
            var n = at + 4 <= span.Length ? BinaryPrimitives.ReadInt32LittleEndian(span[at..]) : -1;
            if (n < 0 || n > span.Length - at - 4)
            {
                throw Corrupt(id, $"string {i} overruns the document");
            }

            strings[i] = Encoding.UTF8.GetString(span.Slice(at + 4, n));
            at += 4 + n;
        }

        if ((long)count * EntryBytes > span.Length - at)
        {
            throw Corrupt(id, $"{count} entries overrun the document");
        }

        var entries = new BatchEntry[count];
        long payloads = 0;
        for (var i = 0; i < count; i++)
        {
            var e = new BatchEntry(
                BinaryPrimitives.ReadInt64LittleEndian(span[at..]),
                BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 16)..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 20)..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 24)..]),
                (OutboxKind)span[at + 28],
                span[at + 29] != 0);
            if (e.Size < 0 || (uint)e.Key >= (uint)stringCount || (uint)e.Topic >= (uint)stringCount || !Enum.IsDefined(e.Kind)
                || e.Ticks < DateTime.MinValue.Ticks || e.Ticks > DateTime.MaxValue.Ticks || (i > 0 && e.Seq <= entries[i - 1].Seq))
            {
                throw Corrupt(id, $"entry {i} is invalid");
            }

            entries[i] = e;
            payloads += e.Size;
            at += EntryBytes;
        }

        if (payloads != span.Length - at)
        {
            throw Corrupt(id, $"payloads of {payloads} bytes in {span.Length - at}");
        }

        return new BatchHeader(strings, entries, at);
    }

    /// <summary>Decodes every message of the batch stored as document <paramref name="id"/>.</summary>
    public static OutboxMessage[] Decode(long id, byte[] blob)
    {
        var header = ReadHeader(id, blob);
        var messages = new OutboxMessage[header.Entries.Length];
        var at = header.PayloadStart;
        for (var i = 0; i < messages.Length; i++)
        {
            var e = header.Entries[i];
            messages[i] = new OutboxMessage(e.Seq, e.Kind, header.Strings[e.Key], header.Strings[e.Topic], blob.AsSpan(at, e.Size).ToArray(), new DateTime(e.Ticks, DateTimeKind.Utc), e.Retain);
            at += e.Size;
        }

        return messages;
    }

    private static InvalidDataException Corrupt(long id, string what) => new($"outbox batch document {id} is corrupt: {what}");
}
