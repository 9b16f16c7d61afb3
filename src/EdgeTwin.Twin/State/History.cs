namespace EdgeTwin.Twin.State;

/// <summary>
/// Recent (time, value) pairs of one property in a ring of fixed size, oldest first.
/// </summary>
/// <remarks>
/// Without a span the ring keeps the last <see cref="Capacity"/> points. With a span it promises to cover at least
/// that much time whatever the sample rate, in the same fixed memory: time is cut into buckets of
/// <see cref="BucketWidth"/> (the span over half the capacity, less one) and each bucket keeps at most two points,
/// its lowest and its highest value in time order, so that peaks survive (what alarms are about). Points that arrive
/// slower than one per bucket are all kept.
/// </remarks>
public sealed class History
{
    private readonly DateTime[] _times;
    private readonly double[] _values;
    private readonly long _bucketTicks;
    private long _bucket = long.MinValue;
    private int _inBucket;
    private int _next;

    /// <summary>Creates a ring holding the last <paramref name="capacity"/> points.</summary>
    public History(int capacity)
        : this(capacity, TimeSpan.Zero)
    {
    }

    /// <summary>
    /// Creates a ring of <paramref name="capacity"/> points covering at least <paramref name="span"/>
    /// (<see cref="TimeSpan.Zero"/>: the last <paramref name="capacity"/> points, however old).
    /// </summary>
    public History(int capacity, TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        if (span > TimeSpan.Zero)
        {
            // A window of the span touches at most span/width + 1 buckets of two points each.
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
            var buckets = (capacity / 2) - 1;
            _bucketTicks = (span.Ticks + buckets - 1) / buckets;
        }

        _times = new DateTime[capacity];
        _values = new double[capacity];
    }

    /// <summary>Points held.</summary>
    public int Count { get; private set; }

    /// <summary>Capacity of the ring.</summary>
    public int Capacity => _values.Length;

    /// <summary>Width of the buckets that keep two points each (<see cref="TimeSpan.Zero"/> when every point is kept).</summary>
    public TimeSpan BucketWidth => TimeSpan.FromTicks(_bucketTicks);

    /// <summary>Appends a point; the oldest goes when the ring is full, and within a full bucket only new extremes stay.</summary>
    public void Add(DateTime time, double value)
    {
        if (_bucketTicks > 0)
        {
            var bucket = time.Ticks / _bucketTicks;
            if (bucket == _bucket && _inBucket == 2)
            {
                ReplaceExtreme(time, value);
                return;
            }

            if (bucket != _bucket)
            {
                _bucket = bucket;
                _inBucket = 0;
            }

            _inBucket++;
        }

        _times[_next] = time;
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        if (Count < _values.Length)
        {
            Count++;
        }
    }

    /// <summary>The i-th oldest point.</summary>
    public (DateTime Time, double Value) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count);
            var i = Slot(index);
            return (_times[i], _values[i]);
        }
    }

    /// <summary>Copies the points, oldest first.</summary>
    public (DateTime Time, double Value)[] ToArray()
    {
        var result = new (DateTime, double)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    private int Slot(int index) => (_next - Count + index + _values.Length) % _values.Length;

    /// <summary>
    /// The current bucket holds its two extremes as the newest two points: a new highest or lowest value replaces
    /// the one it beats, and the points stay in time order (the survivor moves first, the new point goes last).
    /// </summary>
    private void ReplaceExtreme(DateTime time, double value)
    {
        int first = Slot(Count - 2), last = Slot(Count - 1);
        var (low, high) = _values[first] <= _values[last] ? (first, last) : (last, first);
        int beaten;
        if (value > _values[high])
        {
            beaten = high;
        }
        else if (value < _values[low])
        {
            beaten = low;
        }
        else
        {
            return;
        }

        if (beaten == first)
        {
            _times[first] = _times[last];
            _values[first] = _values[last];
        }

        _times[last] = time;
        _values[last] = value;
    }
}
