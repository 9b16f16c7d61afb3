using FsCheck.Xunit;

namespace EdgeTwin.Storage.Tests.History;

public sealed class CompressedSeriesTests
{
    [Property(MaxTest = 500)]
    public void Any_offsets_and_values_read_back_bit_for_bit(int[] offsets, double[] values)
    {
        var n = Math.Min(offsets.Length, values.Length);
        var series = new CompressedSeries();
        for (var i = 0; i < n; i++)
        {
            series.Append(offsets[i], values[i]);
        }

        AssertReadsBack(series, offsets.AsSpan(0, n), values.AsSpan(0, n));
    }

    [Fact]
    public void Extreme_steps_and_special_values_read_back()
    {
        // Offsets jumping between the ends of the 32-bit range (the largest change of step), and doubles whose XOR
        // has every bit set, no leading or no trailing zeros, then a repeat and a return into the previous window.
        int[] offsets = [0, int.MaxValue, int.MinValue, int.MaxValue, 0, 0, 1, -1, 100_000, 200_000, 300_000, 299_999];
        double[] values = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon,
            double.MaxValue, double.MinValue, BitConverter.Int64BitsToDouble(-1), BitConverter.Int64BitsToDouble(1), 1.5, 1.5];
        var series = new CompressedSeries();
        for (var i = 0; i < offsets.Length; i++)
        {
            series.Append(offsets[i], values[i]);
        }

        AssertReadsBack(series, offsets, values);
        Assert.Equal(299_999, series.LastOffset);
    }

    [Fact]
    public void A_regular_poll_of_a_slowly_changing_value_takes_a_fraction_of_plain_storage()
    {
        // 256 values 100 ms apart (offsets in microseconds) of a temperature moving in steps of 0.1: plain arrays take
        // 12 bytes a value.
        var series = new CompressedSeries();
        for (var i = 0; i < 256; i++)
        {
            series.Append(i * 100_000, 20.0 + Math.Round(Math.Sin(i / 40.0) * 30) / 10);
        }

        Assert.True(series.ByteCount < 256 * 12 / 3, $"{series.ByteCount} bytes for 256 values");
        // Repeated values at a steady rate: two bits a value after the first pair (96 bits) and the first step (a
        // change of 1,000,000 from 0: 4 + 34 bits, then one bit for the repeated value).
        var flat = new CompressedSeries();
        for (var i = 0; i < 256; i++)
        {
            flat.Append(i * 1_000_000, 42.0);
        }

        Assert.Equal((96 + 39 + (254 * 2) + 7) / 8, flat.ByteCount);
    }

    [Fact]
    public void Random_times_and_values_stay_within_the_worst_case_bound()
    {
        var random = new Random(7);
        var series = new CompressedSeries();
        for (var i = 0; i < 1000; i++)
        {
            series.Append(random.Next(int.MinValue, int.MaxValue), BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)));
        }

        // Per pair at most 4 + 34 bits of time and 3 + 12 + 64 bits of value.
        Assert.InRange(series.ByteCount, 1000 * 12, ((1000 * (38 + 79)) + 7) / 8);
    }

    [Fact]
    public void The_buffer_grows_by_a_quarter_so_a_full_bucket_of_noisy_values_stays_below_plain_storage()
    {
        // Values with random low bits (a float computed from a raw sensor reading): about 8 bytes each, 2 kB for 256.
        // Doubling would hold 4 kB from then on, more than the 3 kB of plain arrays.
        var random = new Random(3);
        var series = new CompressedSeries();
        for (var i = 0; i < 256; i++)
        {
            series.Append(i * 100_000, i + (random.Next(1000) / 1003.0));
        }

        Assert.InRange(series.ByteCount, 1800, 2400);
        Assert.InRange(series.Capacity, series.ByteCount, (series.ByteCount * 5 / 4) + 16);
        Assert.True(series.Capacity < 256 * 12, $"{series.Capacity} bytes held");
    }

    [Fact]
    public void Readings_in_thousandths_take_about_two_bytes_a_value()
    {
        // The same noise in thousandths (a reading with three decimals): as an XOR about 8 bytes a value, as the
        // change of a whole number of thousandths 17 bits plus one for the steady step.
        var random = new Random(3);
        var series = new CompressedSeries();
        var values = new double[256];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 1000 + random.Next(1000)) / 1000.0;
            series.Append(i * 100_000, values[i]);
        }

        AssertReadsBack(series, Enumerable.Range(0, 256).Select(i => i * 100_000).ToArray(), values);
        Assert.InRange(series.ByteCount, 256 * 2, 256 * 5 / 2);
    }

    [Fact]
    public void Decimal_values_of_growing_scale_and_ones_that_are_not_decimals_read_back()
    {
        // A counter, then tenths, hundredths, a value no scale up to nine reproduces (0.1 + 0.2), -0 (whose whole
        // number would read back as +0), a whole number beyond 2^53, microunits, and back to whole numbers.
        double[] values = [1, 2, 3, 3.5, 3.25, 0.1 + 0.2, 4.75, -0.0, 5, 1e17, -2.5, 0.000001, 1e-7, 12.345678, 7, -7, 0];
        var series = new CompressedSeries();
        for (var i = 0; i < values.Length; i++)
        {
            series.Append(i, values[i]);
        }

        AssertReadsBack(series, Enumerable.Range(0, values.Length).ToArray(), values);
    }

    [Property(MaxTest = 300)]
    public void Any_decimals_read_back_bit_for_bit(long[] wholes, byte[] scales)
    {
        // Whole numbers of up to eleven decimal places (beyond the nine looked at), the scale changing from value to value.
        var n = Math.Min(wholes.Length, scales.Length);
        var values = new double[n];
        var series = new CompressedSeries();
        for (var i = 0; i < n; i++)
        {
            values[i] = (wholes[i] % 1_000_000_000_000) / Math.Pow(10, scales[i] % 12);
            series.Append(i * 1000, values[i]);
        }

        AssertReadsBack(series, Enumerable.Range(0, n).Select(i => i * 1000).ToArray(), values);
    }

    [Fact]
    public void Clear_reuses_the_buffer_and_forgets_the_previous_values()
    {
        var series = new CompressedSeries(16);
        for (var i = 0; i < 200; i++)
        {
            series.Append(i * 7919, i * 0.37);
        }

        var capacity = series.Capacity;
        series.Clear();
        Assert.Equal(0, series.Count);
        Assert.False(series.GetReader().Next(out _, out _));

        int[] offsets = [5, 10, 15];
        double[] values = [-1.25, -1.25, 3e300];
        foreach (var (o, v) in offsets.Zip(values))
        {
            series.Append(o, v);
        }

        AssertReadsBack(series, offsets, values);
        Assert.Equal(capacity, series.Capacity);
    }

    [Fact]
    public void A_bucket_stores_what_was_added_and_reads_back_from_its_document()
    {
        var start = new DateTime(2026, 11, 24, 4, 0, 0, DateTimeKind.Utc);
        var bucket = new HistoryBucket("plc1/pressure", start, 256);
        var times = Enumerable.Range(0, 100).Select(i => start.AddMilliseconds(i * 100 + (i % 3))).ToArray();
        times[50] = start.AddMilliseconds(4_000); // a device clock stepping back inside the bucket
        for (var i = 0; i < times.Length; i++)
        {
            bucket.Add(times[i], 3.0 + (i * 0.01));
        }

        var expected = times.Select((t, i) => new HistoryPoint(t, 3.0 + (i * 0.01))).ToArray();
        Assert.Equal(expected, bucket.Values());
        Assert.Equal(times[^1], bucket.End);

        var doc = bucket.ToDocument();
        Assert.Equal(400, doc["t"].AsBinary.Length);
        Assert.Equal(800, doc["v"].AsBinary.Length);
        Assert.Equal(expected, HistoryBucket.ValuesOf(doc));
        Assert.Equal(bucket.Id, doc["_id"].AsString);
    }

    private static void AssertReadsBack(CompressedSeries series, ReadOnlySpan<int> offsets, ReadOnlySpan<double> values)
    {
        Assert.Equal(offsets.Length, series.Count);
        var reader = series.GetReader();
        for (var i = 0; i < offsets.Length; i++)
        {
            Assert.True(reader.Next(out var offset, out var value), $"pair {i} missing");
            Assert.Equal(offsets[i], offset);
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(value));
        }

        Assert.False(reader.Next(out _, out _));
    }
}
