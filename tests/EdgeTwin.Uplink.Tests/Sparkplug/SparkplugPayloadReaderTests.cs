using EdgeTwin.Uplink.Sparkplug;

namespace EdgeTwin.Uplink.Tests.Sparkplug;

public sealed class SparkplugPayloadReaderTests
{
    [Fact]
    public void Reads_back_the_golden_vector()
    {
        var payload = SparkplugPayloadReader.Read(Convert.FromHexString(SparkplugPayloadWriterTests.GoldenHex));

        Assert.Equal(SparkplugPayloadWriterTests.Ts, payload.Timestamp);
        Assert.Equal(0UL, payload.Seq);
        Assert.Equal(9, payload.Metrics.Count);
        var byName = payload.Metrics.ToDictionary(m => m.Name!);
        Assert.Equal(-7, byName["Plant/Counter"].Value.ToNumber(SparkplugDataType.Int32));
        Assert.Equal(21.5, byName["Plant/Temperature"].Value.Number);
        Assert.Equal("OK", byName["Plant/Status"].Value.Text);
        Assert.Equal(6UL, byName["Plant/Quality"].Alias);
        var quality = Assert.Single(byName["Plant/Quality"].Properties!);
        Assert.Equal(("Quality", SparkplugDataType.Int32, 192UL), (quality.Key, quality.Type, quality.Value.Bits));
        Assert.True(byName["Plant/Missing"].IsNull);
        Assert.Equal(SparkplugDataType.Boolean, byName["Node Control/Rebirth"].DataType);
        Assert.Equal(0.0, byName["Node Control/Rebirth"].Value.ToNumber(SparkplugDataType.Boolean));
    }

    [Fact]
    public void Every_truncation_of_a_valid_payload_is_rejected_with_a_field_and_offset_or_decodes_a_prefix()
    {
        var bytes = Convert.FromHexString(SparkplugPayloadWriterTests.GoldenHex);
        for (var length = 1; length < bytes.Length; length++)
        {
            try
            {
                // A cut exactly between two top-level fields is a valid, shorter payload.
                var partial = SparkplugPayloadReader.Read(bytes.AsSpan(0, length));
                Assert.True(partial.Metrics.Count <= 9);
            }
            catch (SparkplugFormatException ex)
            {
                Assert.InRange(ex.Offset, 0, length);
                Assert.Contains("byte", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Lengths_beyond_the_data_or_the_limits_are_named()
    {
        // metrics (field 2), length 200 with 2 bytes left.
        var ex = Assert.Throws<SparkplugFormatException>(() => SparkplugPayloadReader.Read([0x12, 0xC8, 0x01, 0x0A, 0x00]));
        Assert.Equal("metrics[0]", ex.Field);
        Assert.Contains("exceeds the 2 bytes left", ex.Message, StringComparison.Ordinal);

        // metric name of 5000 bytes (over MaxStringBytes).
        var name = new byte[] { 0x12, 0x05, 0x0A, 0x88, 0x27, 0x41, 0x42 };
        ex = Assert.Throws<SparkplugFormatException>(() => SparkplugPayloadReader.Read(name));
        Assert.Equal("metrics[0].name", ex.Field);
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);

        // wrong wire type for seq (length-delimited instead of varint).
        ex = Assert.Throws<SparkplugFormatException>(() => SparkplugPayloadReader.Read([0x1A, 0x00]));
        Assert.Equal("seq", ex.Field);

        // an 11-byte varint.
        ex = Assert.Throws<SparkplugFormatException>(() => SparkplugPayloadReader.Read([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]));
        Assert.Contains("varint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_input_never_escapes_as_anything_but_a_format_exception()
    {
        var random = new Random(12345);
        var golden = Convert.FromHexString(SparkplugPayloadWriterTests.GoldenHex);
        for (var i = 0; i < 2000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])golden.Clone();
                for (var flips = 0; flips < 3; flips++)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                SparkplugPayloadReader.Read(input);
            }
            catch (SparkplugFormatException)
            {
            }
        }
    }
}
