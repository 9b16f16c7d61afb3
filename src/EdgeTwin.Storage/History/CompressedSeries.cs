using System.Numerics;

namespace EdgeTwin.Storage;

/// <summary>
/// The (time offset, value) pairs of an open history bucket, compressed the way consecutive samples of a time series
/// compress well (after Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series Database", VLDB 2015):
/// each time offset as the change of its step from the previous step (one bit when samples are evenly spaced), each
/// value as the XOR with the previous value, of which only the bits between the leading and trailing zeros are
/// written (one bit for a repeated value). Values that are decimals (a scaled register, a reading in thousandths)
/// XOR badly, about 8 bytes each, so a value that is a whole number of 10^-scale, like the value before it, is
/// written as the change of that whole number instead (after the decimal exponents of Afroozeh et al., "ALP:
/// Adaptive Lossless floating-Point Compression", SIGMOD 2024): about 2 bytes for a reading in thousandths. The
/// scale is never written: writer and reader both derive it from the values so far (the largest scale up to
/// <see cref="MaxScale"/> any of them needed), and a value is taken as decimal only when dividing its whole number
/// by 10^scale gives back its exact bits, so every value reads back bit for bit.
/// Only what an open bucket holds in memory: the stored document keeps its plain arrays
/// (<see cref="HistoryBucket.ToDocument"/>). Before this an open bucket held 12 bytes per value, 31 MB at 10,000
/// points and 10 values a second; the worst case here (random times and values) is about 15 bytes.
/// Appends only; read from the start with <see cref="GetReader"/>.
/// </summary>
internal sealed class CompressedSeries
{
    /// <summary>The most decimal places a value is looked at with (a sensor reading with six significant digits below 0.001 needs nine).</summary>
    public const int MaxScale = 9;

    private const int OffsetBits = 32;
    private const int ValueBits = 64;

    // Whole numbers stay below 2^53, so every one is exact as a double and a difference of two fits in 55 bits.
    private const double MaxWhole = 9007199254740992.0;

    // The size classes of a change of step: steps of a regular poll differ by 0 (no bits), and by a few hundred
    // microseconds of jitter when the time is the gateway's own; offsets are 32-bit, so 34 bits hold any change.
    private static readonly int[] StepChangeBits = [0, 7, 12, 20, 34];

    // The size classes of the change of a decimal value's whole number: 6 bits for a slowly moving value, 13 for
    // noise in thousandths, 55 for any change between two whole numbers below 2^53.
    private static readonly int[] WholeChangeBits = [6, 13, 20, 32, 55];

    private static readonly double[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    private byte[] _bytes;
    private long _bits;
    private long _lastDelta;
    private ulong _lastValue;
    private int _leading = -1;
    private int _trailing;
    private Decimals _decimals = Decimals.None;

    /// <param name="initialBytes">The buffer's first size; it grows as needed and is kept by <see cref="Clear"/>.</param>
    public CompressedSeries(int initialBytes = 32)
    {
        _bytes = new byte[Math.Max(16, initialBytes)];
    }

    /// <summary>Pairs appended since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The time offset appended last (meaningless while <see cref="Count"/> is 0).</summary>
    public int LastOffset { get; private set; }

    /// <summary>Bytes the pairs take.</summary>
    public int ByteCount => (int)((_bits + 7) >> 3);

    /// <summary>Bytes held, the buffer included.</summary>
    public int Capacity => _bytes.Length;

    /// <summary>Empties the series for reuse, keeping its buffer.</summary>
    public void Clear()
    {
        Array.Clear(_bytes, 0, ByteCount);
        _bits = 0;
        _lastDelta = 0;
        _lastValue = 0;
        _leading = -1;
        _trailing = 0;
        _decimals = Decimals.None;
        Count = 0;
        LastOffset = 0;
    }

    /// <summary>Appends one pair; offsets may go back (a device clock is not always monotonic).</summary>
    public void Append(int offset, double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        if (Count == 0)
        {
            Write((uint)offset, OffsetBits);
            Write(bits, ValueBits);
            _decimals = Decimals.None.After(value);
        }
        else
        {
            var delta = (long)offset - LastOffset;
            WriteChange(delta - _lastDelta, StepChangeBits);
            _lastDelta = delta;
            if (bits == _lastValue)
            {
                Write(0, 1);
            }
            else if (_decimals.HasWhole && TryWhole(value, _decimals.Scale, out var whole))
            {
                Write(0b10, 2);
                WriteChange(whole - _decimals.Whole, WholeChangeBits);
                _decimals = _decimals with { Whole = whole };
            }
            else
            {
                WriteXor(bits ^ _lastValue);
                _decimals = _decimals.After(value);
            }
        }

        _lastValue = bits;
        LastOffset = offset;
        Count++;
    }

    /// <summary>A reader from the first pair; valid until the series changes.</summary>
    public Reader GetReader() => new(_bytes, Count);

    // A signed change, zigzag-encoded, in the smallest of five size classes: class c is written as c one bits and a
    // zero (the last class as four ones), then the zigzag value in that class's bits.
    private void WriteChange(long change, int[] classBits)
    {
        var zigzag = (ulong)((change << 1) ^ (change >> 63));
        var last = classBits.Length - 1;
        var c = 0;
        while (c < last && zigzag >= 1UL << classBits[c])
        {
            c++;
        }

        Write(c == last ? (1UL << c) - 1 : ((1UL << c) - 1) << 1, c == last ? c : c + 1);
        Write(zigzag, classBits[c]);
    }

    // Any other change: '11' and the XOR (after the repeat, '0', and the decimal change, '10').
    private void WriteXor(ulong xor)
    {
        var leading = BitOperations.LeadingZeroCount(xor);
        var trailing = BitOperations.TrailingZeroCount(xor);
        if (_leading >= 0 && leading >= _leading && trailing >= _trailing)
        {
            // Within the previous value's window of meaningful bits: only those bits.
            Write(0b110, 3);
            Write(xor >> _trailing, ValueBits - _leading - _trailing);
            return;
        }

        var length = ValueBits - leading - trailing;
        Write(0b111, 3);
        Write((ulong)leading, 6);
        Write((ulong)(length - 1), 6);
        Write(xor >> trailing, length);
        _leading = leading;
        _trailing = trailing;
    }

    /// <summary>
    /// The whole number <paramref name="value"/> is of 10^-<paramref name="scale"/>, when dividing it by 10^scale
    /// gives back the value's exact bits (so not for -0, NaN, infinities or magnitudes of 2^53 and more).
    /// </summary>
    private static bool TryWhole(double value, int scale, out long whole)
    {
        var power = PowersOfTen[scale];
        var scaled = value * power;
        if (!(Math.Abs(scaled) < MaxWhole))
        {
            whole = 0;
            return false;
        }

        whole = (long)Math.Round(scaled);
        return BitConverter.DoubleToInt64Bits(whole / power) == BitConverter.DoubleToInt64Bits(value);
    }

    /// <summary>
    /// What writer and reader know of the values so far: the scale (the most decimal places any value needed, -1
    /// while none was a decimal), and the last value's whole number at that scale when it has one.
    /// </summary>
    private readonly record struct Decimals(int Scale, bool HasWhole, long Whole)
    {
        public static readonly Decimals None = new(-1, false, 0);

        /// <summary>
        /// After a value written in full or as an XOR: the scale grows when the value needs more places. A value
        /// that is no whole number at the most places its magnitude allows is taken as no decimal without trying
        /// the others, so a value that never is one (a float from a sensor) costs one try, not ten.
        /// </summary>
        public Decimals After(double value)
        {
            var top = MaxScale;
            while (top >= 0 && !(Math.Abs(value * PowersOfTen[top]) < MaxWhole))
            {
                top--;
            }

            if (top < 0 || top < Scale || !TryWhole(value, top, out var topWhole))
            {
                return this with { HasWhole = false };
            }

            for (var scale = Math.Max(Scale, 0); scale < top; scale++)
            {
                if (TryWhole(value, scale, out var whole))
                {
                    return new Decimals(scale, true, whole);
                }
            }

            return new Decimals(top, true, topWhole);
        }
    }

    private void Write(ulong value, int count)
    {
        var needed = (int)((_bits + count + 7) >> 3);
        if (needed > _bytes.Length)
        {
            // By a quarter, not double: the buffer is kept for the point's next buckets, so what doubling would
            // leave unused stays allocated (noisy values need about 2.1 kB for a full bucket: 4 kB when doubled,
            // more than the plain arrays' 3 kB). Growing happens only while a point's first buckets fill.
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length + (_bytes.Length >> 2) + 16));
        }

        while (count > 0)
        {
            var used = (int)(_bits & 7);
            var take = Math.Min(8 - used, count);
            var chunk = (value >> (count - take)) & ((1UL << take) - 1);
            _bytes[_bits >> 3] |= (byte)(chunk << (8 - used - take));
            _bits += take;
            count -= take;
        }
    }

    /// <summary>Reads the pairs in the order they were appended.</summary>
    public struct Reader
    {
        private readonly byte[] _bytes;
        private readonly int _count;
        private long _bit;
        private int _read;
        private int _offset;
        private long _delta;
        private ulong _value;
        private int _leading;
        private int _trailing;
        private Decimals _decimals;

        internal Reader(byte[] bytes, int count)
        {
            _bytes = bytes;
            _count = count;
        }

        /// <summary>The next pair, or false after the last.</summary>
        public bool Next(out int offset, out double value)
        {
            if (_read == _count)
            {
                offset = 0;
                value = 0;
                return false;
            }

            if (_read == 0)
            {
                _offset = (int)(uint)Read(OffsetBits);
                _value = Read(ValueBits);
                _decimals = Decimals.None.After(BitConverter.Int64BitsToDouble((long)_value));
            }
            else
            {
                _delta += ReadChange(StepChangeBits);
                _offset = (int)(_offset + _delta);
                ReadValue();
            }

            _read++;
            offset = _offset;
            value = BitConverter.Int64BitsToDouble((long)_value);
            return true;
        }

        private long ReadChange(int[] classBits)
        {
            var c = 0;
            while (c < classBits.Length - 1 && Read(1) == 1)
            {
                c++;
            }

            var zigzag = Read(classBits[c]);
            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }

        private void ReadValue()
        {
            if (Read(1) == 0)
            {
                return;
            }

            if (Read(1) == 0)
            {
                var whole = _decimals.Whole + ReadChange(WholeChangeBits);
                _decimals = _decimals with { Whole = whole };
                _value = (ulong)BitConverter.DoubleToInt64Bits(whole / PowersOfTen[_decimals.Scale]);
                return;
            }

            _value ^= ReadXor();
            _decimals = _decimals.After(BitConverter.Int64BitsToDouble((long)_value));
        }

        private ulong ReadXor()
        {
            if (Read(1) == 1)
            {
                _leading = (int)Read(6);
                var length = (int)Read(6) + 1;
                _trailing = ValueBits - _leading - length;
            }

            return Read(ValueBits - _leading - _trailing) << _trailing;
        }

        private ulong Read(int count)
        {
            ulong value = 0;
            while (count > 0)
            {
                var used = (int)(_bit & 7);
                var take = Math.Min(8 - used, count);
                var chunk = ((ulong)_bytes[_bit >> 3] >> (8 - used - take)) & ((1UL << take) - 1);
                value = (value << take) | chunk;
                _bit += take;
                count -= take;
            }

            return value;
        }
    }
}
