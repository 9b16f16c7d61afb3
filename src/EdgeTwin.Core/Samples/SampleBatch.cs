using System.Collections.Concurrent;
using System.Buffers;

namespace EdgeTwin.Core.Samples;

/// <summary>
/// The samples of one poll cycle (or one notification burst) of one device. Batches are pooled: the producer rents
/// one, fills it and hands it on; ownership moves with the batch and the last stage calls <see cref="Return"/>.
/// </summary>
public sealed class SampleBatch
{
    /// <summary>
    /// Most batches the pool keeps. A batch keeps its buffer while pooled, so the pool used to keep as many buffers as
    /// were ever in flight at once: after the bounded channels filled up once with batches of 10,000 samples
    /// (512 kB each) that was hundreds of MB for the rest of the process's life. Beyond this many, a returned batch
    /// gives its buffer back to the shared array pool (which trims itself) and is dropped.
    /// </summary>
    internal const int MaxPooled = 64;

    private static readonly ConcurrentBag<SampleBatch> Pool = new();
    private static int _pooled;
    private Sample[] _items;

    private SampleBatch(int capacity) => _items = ArrayPool<Sample>.Shared.Rent(Math.Max(capacity, 16));

    /// <summary>Index of the device that produced the batch.</summary>
    public int Device { get; private set; }

    /// <summary>When the cycle started (UTC).</summary>
    public DateTime CycleTime { get; private set; }

    /// <summary>Number of samples in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>The samples.</summary>
    public ReadOnlySpan<Sample> Samples => _items.AsSpan(0, Count);

    /// <summary>Mutable access for stages that filter samples in place (e.g. deadband).</summary>
    public Span<Sample> MutableSamples => _items.AsSpan(0, Count);

    /// <summary>Takes a batch from the pool.</summary>
    public static SampleBatch Rent(int device, DateTime cycleTime, int capacity)
    {
        if (!Pool.TryTake(out var batch))
        {
            batch = new SampleBatch(capacity);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
            if (batch._items.Length < capacity)
            {
                ArrayPool<Sample>.Shared.Return(batch._items);
                batch._items = ArrayPool<Sample>.Shared.Rent(capacity);
            }
        }

        batch.Device = device;
        batch.CycleTime = cycleTime;
        batch.Count = 0;
        return batch;
    }

    /// <summary>Appends a sample, growing the buffer when needed.</summary>
    public void Add(in Sample sample)
    {
        if (Count == _items.Length)
        {
            var bigger = ArrayPool<Sample>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<Sample>.Shared.Return(_items, clearArray: true);
            _items = bigger;
        }

        _items[Count++] = sample;
    }

    /// <summary>Keeps only the first <paramref name="count"/> samples (after in-place filtering).</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
    }

    /// <summary>Gives the batch back to the pool; it must not be used afterwards.</summary>
    public void Return()
    {
        // Clear references to strings so the pool does not keep them alive.
        Array.Clear(_items, 0, Count);
        Count = 0;
        if (Interlocked.Increment(ref _pooled) > MaxPooled)
        {
            Interlocked.Decrement(ref _pooled);
            ArrayPool<Sample>.Shared.Return(_items);
            _items = [];
            return;
        }

        Pool.Add(this);
    }
}
