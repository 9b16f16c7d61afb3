using System.Buffers.Binary;
using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// Consecutive values of one point stored as one document: times as microsecond offsets from the bucket start
/// (int32) and values as doubles, 12 bytes per value instead of a document each. A bucket is written once, when it
/// closes; while open it holds its values compressed (<see cref="CompressedSeries"/>), up to the capacity. The
/// document's <c>_id</c> is the point's key, '|' and the start's ticks in 19 digits, so that the id index sorts by
/// point, then time: one index range finds a point's buckets over a time range. Documents of the previous layout
/// also carry the key and start as "k" and "s"; they are read the same way. The history store keeps one bucket per
/// point and restarts it when it closes (after taking its document), so that its buffer is allocated once rather
/// than per bucket: a bucket lives up to the flush interval, long enough for the collector to promote its buffer to
/// the oldest generation, where per-bucket arrays stayed as garbage until the next full collection (hundreds of MB
/// at 10,000 points and 10 values a second).
/// </summary>
internal sealed class HistoryBucket
{
    private const int TicksDigits = 19;
    private readonly int _capacity;
    private readonly CompressedSeries _series = new();

    public HistoryBucket(string key, DateTime start, int capacity, bool idUnused = false)
    {
        Key = key;
        Start = start;
        IdUnused = idUnused;
        _capacity = capacity;
    }

    public string Key { get; }

    public DateTime Start { get; private set; }

    /// <summary>
    /// True when no stored bucket can have this bucket's id: its start is later than the end of every bucket stored
    /// when the database was opened and than every start given to the point before (see HistoryStore.FreeStart).
    /// Such a bucket is written with an insert, which walks the id index once; others with an upsert, which walks it
    /// twice (a failed update, then the insert) but cannot fail on a duplicate id.
    /// </summary>
    public bool IdUnused { get; private set; }

    public int Count => _series.Count;

    /// <summary>True while the bucket holds values (a restarted or taken bucket is empty until its next value).</summary>
    public bool Open => Count > 0;

    public bool Full => Count == _capacity;

    /// <summary>The time of the value added last.</summary>
    public DateTime End => Count == 0 ? Start : TimeOf(_series.LastOffset);

    /// <summary>Bytes the bucket's values take in memory, its buffer included.</summary>
    public int MemoryBytes => _series.Capacity;

    public string Id => IdOf(Key, Start);

    /// <summary>The id of the bucket of <paramref name="key"/> starting at <paramref name="start"/>.</summary>
    public static string IdOf(string key, DateTime start) =>
        key + "|" + start.Ticks.ToString("D" + TicksDigits, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="time"/> fits this bucket (not before its start, within its span).</summary>
    public bool Fits(DateTime time, TimeSpan span) => !Full && time >= Start && time - Start <= span;

    public void Add(DateTime time, double value) => _series.Append(checked((int)((time - Start).Ticks / 10)), value);

    /// <summary>Empties the bucket for values from <paramref name="start"/> on, keeping its buffer.</summary>
    public void Restart(DateTime start, bool idUnused = false)
    {
        Start = start;
        IdUnused = idUnused;
        _series.Clear();
    }

    /// <summary>The bucket as it would be stored, to write at the next commit; the bucket itself is left as is.</summary>
    public ClosedHistoryBucket Take() => new(Key, Start, End, ToDocument(), IdUnused);

    /// <summary>The values with their times, in the order they were added.</summary>
    public IEnumerable<HistoryPoint> Values()
    {
        var reader = _series.GetReader();
        while (reader.Next(out var offset, out var value))
        {
            yield return new HistoryPoint(TimeOf(offset), value);
        }
    }

    public BsonDocument ToDocument()
    {
        var times = new byte[Count * 4];
        var values = new byte[Count * 8];
        var reader = _series.GetReader();
        for (var i = 0; reader.Next(out var offset, out var value); i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(times.AsSpan(i * 4), offset);
            BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(i * 8), value);
        }

        return new BsonDocument
        {
            ["_id"] = Id,
            ["e"] = End.Ticks,
            ["t"] = times,
            ["v"] = values,
        };
    }

    /// <summary>The values of a stored bucket with their times, in the order they were added.</summary>
    /// <exception cref="InvalidDataException">The document is not a history bucket.</exception>
    public static IEnumerable<HistoryPoint> ValuesOf(BsonDocument doc)
    {
        var id = doc["_id"].AsString;
        var times = doc["t"].AsBinary;
        var values = doc["v"].AsBinary;
        var count = values.Length / 8;
        if (times.Length != count * 4 || values.Length % 8 != 0)
        {
            throw new InvalidDataException($"history bucket {id}: {times.Length} time bytes do not match {values.Length} value bytes");
        }

        var split = id.Length - TicksDigits - 1;
        if (split < 1 || id[split] != '|' || !long.TryParse(id.AsSpan(split + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks)
        {
            throw new InvalidDataException($"history bucket '{id}': the id is not 'device/point|' and {TicksDigits} digits of start ticks");
        }

        return Read(new DateTime(ticks, DateTimeKind.Utc), times, values, count);

        static IEnumerable<HistoryPoint> Read(DateTime start, byte[] times, byte[] values, int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return new HistoryPoint(
                    start.AddTicks(BinaryPrimitives.ReadInt32LittleEndian(times.AsSpan(i * 4)) * 10L),
                    BinaryPrimitives.ReadDoubleLittleEndian(values.AsSpan(i * 8)));
            }
        }
    }

    private DateTime TimeOf(int offset) => Start.AddTicks(offset * 10L);
}

/// <summary>A bucket that is complete and waits for the next commit, as its document.</summary>
/// <param name="Key">The point's key.</param>
/// <param name="Start">The bucket's start.</param>
/// <param name="End">The time of its last value.</param>
/// <param name="Document">What is stored.</param>
/// <param name="IdUnused">No stored bucket can have its id: written with an insert (see <see cref="HistoryBucket.IdUnused"/>).</param>
internal readonly record struct ClosedHistoryBucket(string Key, DateTime Start, DateTime End, BsonDocument Document, bool IdUnused);
