using System.Buffers;

namespace EdgeTwin.Storage;

/// <summary>
/// The time and value arrays of the history store's open buckets, reused once a bucket is written. A bucket lives up
/// to the flush interval (30 s), long enough for the collector to promote its arrays to the oldest generation, where
/// every array left behind as the bucket grows (8, 16, ... values) and every written bucket's arrays stayed until the
/// next full collection: at 10,000 points and 10 values a second that was megabytes a second of old-generation
/// garbage and hundreds of MB of heap between full collections. Rented arrays may be longer than asked for.
/// </summary>
internal sealed class HistoryBucketPool
{
    private readonly ArrayPool<int> _offsets;
    private readonly ArrayPool<double> _values;

    /// <summary>A pool for arrays of up to <paramref name="maxLength"/> values keeping up to <paramref name="perSize"/> of each size.</summary>
    public HistoryBucketPool(int maxLength, int perSize)
    {
        _offsets = ArrayPool<int>.Create(maxLength, perSize);
        _values = ArrayPool<double>.Create(maxLength, perSize);
    }

    /// <summary>Time offset and value arrays of at least <paramref name="length"/> elements.</summary>
    public (int[] Offsets, double[] Values) Rent(int length) => (_offsets.Rent(length), _values.Rent(length));

    /// <summary>Takes back arrays from <see cref="Rent"/>; their contents are not cleared.</summary>
    public void Return(int[] offsets, double[] values)
    {
        _offsets.Return(offsets);
        _values.Return(values);
    }
}
