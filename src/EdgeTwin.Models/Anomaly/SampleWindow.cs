namespace EdgeTwin.Models.Anomaly;

/// <summary>A ring buffer of the last N samples of P properties, copied out oldest first as a model input.</summary>
public sealed class SampleWindow
{
    private readonly double[] _buffer;
    private int _next;

    /// <summary>Creates an empty window.</summary>
    public SampleWindow(int length, int properties)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(properties, 1);
        Length = length;
        Properties = properties;
        _buffer = new double[length * properties];
    }

    /// <summary>Samples held when full.</summary>
    public int Length { get; }

    /// <summary>Values per sample.</summary>
    public int Properties { get; }

    /// <summary>Samples pushed so far, up to <see cref="Length"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True once <see cref="Length"/> samples have been pushed.</summary>
    public bool IsFull => Count == Length;

    /// <summary>Appends a sample, dropping the oldest when full.</summary>
    public void Push(ReadOnlySpan<double> sample)
    {
        if (sample.Length != Properties)
        {
            throw new ArgumentException($"sample of {sample.Length} values, window holds {Properties}", nameof(sample));
        }

        sample.CopyTo(_buffer.AsSpan(_next * Properties, Properties));
        _next = (_next + 1) % Length;
        Count = Math.Min(Count + 1, Length);
    }

    /// <summary>Copies the full window, oldest first, as float32.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (!IsFull)
        {
            throw new InvalidOperationException($"window holds {Count} of {Length} samples");
        }

        if (destination.Length != _buffer.Length)
        {
            throw new ArgumentException($"destination of {destination.Length} values, window has {_buffer.Length}", nameof(destination));
        }

        int k = 0;
        for (int r = 0; r < Length; r++)
        {
            int row = (_next + r) % Length;
            for (int j = 0; j < Properties; j++)
            {
                destination[k++] = (float)_buffer[row * Properties + j];
            }
        }
    }

    /// <summary>
    /// Copies the window, oldest first, as float32, padding a window that is not yet full with its oldest sample
    /// (as the RUL trainer pads short histories).
    /// </summary>
    public void CopyPaddedTo(Span<float> destination)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("window is empty");
        }

        if (destination.Length != _buffer.Length)
        {
            throw new ArgumentException($"destination of {destination.Length} values, window has {_buffer.Length}", nameof(destination));
        }

        int oldest = (_next - Count + Length) % Length;
        int k = 0;
        for (int r = 0; r < Length; r++)
        {
            int row = (oldest + Math.Max(0, r - (Length - Count))) % Length;
            for (int j = 0; j < Properties; j++)
            {
                destination[k++] = (float)_buffer[row * Properties + j];
            }
        }
    }

    /// <summary>Forgets every sample.</summary>
    public void Clear()
    {
        Count = 0;
        _next = 0;
    }
}
