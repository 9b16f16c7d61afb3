using System.Collections;
using System.Runtime.CompilerServices;

namespace EdgeTwin.OpcUa.Encoding;

/// <summary>
/// A read-only list decoded in segments that each stay below the runtime's large-object threshold (85,000 bytes).
/// A Publish response of 10,000 notifications as one array of 72-byte values is 720 kB: allocated on the large
/// object heap ten times a second, each such array could start a full collection and kept the GC's committed
/// memory far above the live heap. Segments of at most <see cref="MaxSegmentBytes"/> are ordinary young objects
/// that die in the next gen0 collection.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SegmentedList<T> : IReadOnlyList<T>
{
    /// <summary>Most bytes of elements in one segment (the array's header comes on top, still under 85,000).</summary>
    public const int MaxSegmentBytes = 80 * 1024;

    private static readonly int SegmentShift = Shift();
    private readonly T[][] _segments;

    private SegmentedList(T[][] segments, int count)
    {
        _segments = segments;
        Count = count;
    }

    /// <summary>Elements per full segment: the largest power of two whose elements fit in <see cref="MaxSegmentBytes"/>.</summary>
    public static int SegmentLength => 1 << SegmentShift;

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>The segments in order (all of <see cref="SegmentLength"/> elements but the last).</summary>
    internal IReadOnlyList<T[]> Segments => _segments;

    /// <inheritdoc />
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _segments[index >> SegmentShift][index & (SegmentLength - 1)];
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> elements with <paramref name="readElement"/>: into one array when it stays
    /// below the threshold, otherwise into segments.
    /// </summary>
    public static IReadOnlyList<T> Read<TState>(int count, TState state, Func<TState, T> readElement)
    {
        var shift = SegmentShift;
        if (count <= 1 << shift)
        {
            var items = new T[count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = readElement(state);
            }

            return items;
        }

        var segments = new T[((count - 1) >> shift) + 1][];
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = new T[Math.Min(1 << shift, count - (s << shift))];
            for (var i = 0; i < segment.Length; i++)
            {
                segment[i] = readElement(state);
            }

            segments[s] = segment;
        }

        return new SegmentedList<T>(segments, count);
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var segment in _segments)
        {
            foreach (var item in segment)
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int Shift()
    {
        var shift = 0;
        while ((2L << shift) * Unsafe.SizeOf<T>() <= MaxSegmentBytes)
        {
            shift++;
        }

        return shift;
    }
}
