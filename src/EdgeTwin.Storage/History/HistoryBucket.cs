using System.Buffers.Binary;
using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// Consecutive values of one point stored as one document: times as microsecond offsets from the bucket start
/// (int32) and values as doubles, 12 bytes per value instead of a document each. A bucket is written once, when it
/// closes; its arrays grow as values come, up to the capacity. The document's <c>_id</c> is the point's key, '|' and
/// the start's ticks in 19 digits, so that the id index sorts by point, then time: one index range finds a point's
/// buckets over a time range. Documents of the previous layout also carry the key and start as "k" and "s"; they
/// are read the same way. The history store keeps one bucket per point and restarts it when it closes (after taking
/// its document), so that its arrays are allocated once rather than per bucket: a bucket lives up to the flush
/// interval, long enough for the collector to promote its arrays to the oldest generation, where they stayed as
/// garbage until the next full collection (hundreds of MB at 10,000 points and 10 values a second).
/// </summary>
internal sealed class HistoryBucket
{
    private const int InitialCapacity = 8;
    private const int TicksDigits = 19;
    private readonly int _capacity;
    private int[] _offsets;
    private double[] _values;

    public HistoryBucket(string key, DateTime start, int capacity)
    {
        Key = key;
        Start = start;
        _capacity = capacity;
        _offsets = new int[Math.Min(InitialCapacity, capacity)];
        _values = new double[_offsets.Length];
    }

    private HistoryBucket(string key, DateTime start, int[] offsets, double[] values)
    {
        Key = key;
        Start = start;
        _offsets = offsets;
        _values = values;
        _capacity = values.Length;
        Count = values.Length;
    }

    public string Key { get; }

    public DateTime Start { get; private set; }

    public int Count { get; private set; }

    /// <summary>True while the bucket holds values (a restarted or taken bucket is empty until its next value).</summary>
    public bool Open => Count > 0;

    public bool Full => Count == _capacity;

    public DateTime End => Count == 0 ? Start : At(Count - 1);

    public string Id => IdOf(Key, Start);

    /// <summary>The id of the bucket of <paramref name="key"/> starting at <paramref name="start"/>.</summary>
    public static string IdOf(string key, DateTime start) =>
        key + "|" + start.Ticks.ToString("D" + TicksDigits, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="time"/> fits this bucket (not before its start, within its span).</summary>
    public bool Fits(DateTime time, TimeSpan span) => !Full && time >= Start && time - Start <= span;

    public void Add(DateTime time, double value)
    {
        if (Count == _values.Length)
        {
            var size = Math.Min(_capacity, Count * 2);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _values, size);
        }

        _offsets[Count] = checked((int)((time - Start).Ticks / 10));
        _values[Count] = value;
        Count++;
    }

    /// <summary>Empties the bucket for values from <paramref name="start"/> on, keeping its arrays.</summary>
    public void Restart(DateTime start)
    {
        Start = start;
        Count = 0;
    }

    /// <summary>The bucket as it would be stored, to write at the next commit; the bucket itself is left as is.</summary>
    public ClosedHistoryBucket Take() => new(Key, Start, End, ToDocument());

    public DateTime At(int index) => Start.AddTicks(_offsets[index] * 10L);

    public double ValueAt(int index) => _values[index];

    public BsonDocument ToDocument()
    {
        var times = new byte[Count * 4];
        var values = new byte[Count * 8];
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(times.AsSpan(i * 4), _offsets[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(i * 8), _values[i]);
        }

        return new BsonDocument
        {
            ["_id"] = Id,
            ["e"] = End.Ticks,
            ["t"] = times,
            ["v"] = values,
        };
    }

    public static HistoryBucket FromDocument(BsonDocument doc)
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

        var offsets = new int[count];
        var numbers = new double[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(times.AsSpan(i * 4));
            numbers[i] = BinaryPrimitives.ReadDoubleLittleEndian(values.AsSpan(i * 8));
        }

        return new HistoryBucket(id[..split], new DateTime(ticks, DateTimeKind.Utc), offsets, numbers);
    }
}

/// <summary>A bucket that is complete and waits for the next commit, as its document.</summary>
/// <param name="Key">The point's key.</param>
/// <param name="Start">The bucket's start.</param>
/// <param name="End">The time of its last value.</param>
/// <param name="Document">What is stored.</param>
internal readonly record struct ClosedHistoryBucket(string Key, DateTime Start, DateTime End, BsonDocument Document);
