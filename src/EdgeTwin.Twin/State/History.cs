namespace EdgeTwin.Twin.State;

/// <summary>A fixed-size ring of recent (time, value) pairs of one property.</summary>
public sealed class History
{
    private readonly DateTime[] _times;
    private readonly double[] _values;
    private int _next;

    /// <summary>Creates a ring holding <paramref name="capacity"/> points.</summary>
    public History(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _times = new DateTime[capacity];
        _values = new double[capacity];
    }

    /// <summary>Points held.</summary>
    public int Count { get; private set; }

    /// <summary>Capacity of the ring.</summary>
    public int Capacity => _values.Length;

    /// <summary>Appends a point, overwriting the oldest when full.</summary>
    public void Add(DateTime time, double value)
    {
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
            var i = (_next - Count + index + _values.Length) % _values.Length;
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
}
