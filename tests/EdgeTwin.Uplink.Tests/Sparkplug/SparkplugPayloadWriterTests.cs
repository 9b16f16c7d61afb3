using EdgeTwin.Uplink.Sparkplug;

namespace EdgeTwin.Uplink.Tests.Sparkplug;

public sealed class SparkplugPayloadWriterTests
{
    // Encoded by the Eclipse Tahu JS reference (sparkplug-payload 1.0.3) from the NBIRTH-like payload in
    // tests/peers/sparkplug_decode.js's documentation: bdSeq, Node Control/Rebirth, Double, Int32 -7, Boolean,
    // String, UInt16 65535, Float with a Quality property, and a null Double.
    internal const string GoldenHex =
        "0880d095ffbc3112120a0562645365711880d095ffbc3120045800121a0a144e6f646520436f6e74726f6c2f52656269727468200b700012270a11" +
        "506c616e742f54656d706572617475726510011880d095ffbc31200a69000000000080354012190a0d506c616e742f436f756e7465721002200350" +
        "f9ffffff0f12150a0d506c616e742f52756e6e696e671003200b700112160a0c506c616e742f5374617475731004200c7a024f4b12130a09506c61" +
        "6e742f5261771005200650ffff03122a0a0d506c616e742f5175616c697479100620094a100a075175616c6974791205080318c001650000003f12" +
        "150a0d506c616e742f4d697373696e671007200a38011800";

    internal const ulong Ts = 1700000000000;

    internal static SparkplugMetric[] GoldenMetrics =>
    [
        new() { Name = "bdSeq", Timestamp = Ts, DataType = SparkplugDataType.Int64, Value = SparkplugValue.FromNumber(SparkplugDataType.Int64, 0) },
        new() { Name = "Node Control/Rebirth", DataType = SparkplugDataType.Boolean, Value = SparkplugValue.Boolean(false) },
        new() { Name = "Plant/Temperature", Alias = 1, Timestamp = Ts, DataType = SparkplugDataType.Double, Value = SparkplugValue.FromNumber(SparkplugDataType.Double, 21.5) },
        new() { Name = "Plant/Counter", Alias = 2, DataType = SparkplugDataType.Int32, Value = SparkplugValue.FromNumber(SparkplugDataType.Int32, -7) },
        new() { Name = "Plant/Running", Alias = 3, DataType = SparkplugDataType.Boolean, Value = SparkplugValue.FromNumber(SparkplugDataType.Boolean, 1) },
        new() { Name = "Plant/Status", Alias = 4, DataType = SparkplugDataType.String, Value = SparkplugValue.String("OK") },
        new() { Name = "Plant/Raw", Alias = 5, DataType = SparkplugDataType.UInt16, Value = SparkplugValue.FromNumber(SparkplugDataType.UInt16, 65535) },
        new()
        {
            Name = "Plant/Quality", Alias = 6, DataType = SparkplugDataType.Float, Value = SparkplugValue.FromNumber(SparkplugDataType.Float, 0.5),
            Properties = [new SparkplugProperty("Quality", SparkplugDataType.Int32, SparkplugValue.FromNumber(SparkplugDataType.Int32, 192))],
        },
        new() { Name = "Plant/Missing", Alias = 7, DataType = SparkplugDataType.Double, IsNull = true },
    ];

    [Fact]
    public void Writes_the_reference_libraries_golden_vector_byte_for_byte()
    {
        var bytes = SparkplugPayloadWriter.Write(Ts, GoldenMetrics, seq: 0);

        Assert.Equal(GoldenHex, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Appending_seq_later_gives_the_same_bytes_as_writing_it_at_once()
    {
        foreach (var seq in new ulong[] { 0, 1, 127, 128, 255, 300, ulong.MaxValue })
        {
            var without = SparkplugPayloadWriter.Write(Ts, GoldenMetrics, seq: null);
            Assert.Equal(SparkplugPayloadWriter.Write(Ts, GoldenMetrics, seq), SparkplugPayloadWriter.AppendSeq(without, seq));
        }
    }

    [Theory]
    [InlineData(SparkplugDataType.Int8, -1, SparkplugValueField.Int, 0xFFFFFFFFUL)]
    [InlineData(SparkplugDataType.Int16, -5, SparkplugValueField.Int, 0xFFFFFFFBUL)]
    [InlineData(SparkplugDataType.Int32, int.MinValue, SparkplugValueField.Int, 0x80000000UL)]
    [InlineData(SparkplugDataType.UInt16, 65535, SparkplugValueField.Int, 65535UL)]
    [InlineData(SparkplugDataType.UInt32, 4294967295, SparkplugValueField.Long, 4294967295UL)]
    [InlineData(SparkplugDataType.Int64, -2, SparkplugValueField.Long, 0xFFFFFFFFFFFFFFFEUL)]
    [InlineData(SparkplugDataType.UInt64, 1e15, SparkplugValueField.Long, 1000000000000000UL)]
    [InlineData(SparkplugDataType.Boolean, 1, SparkplugValueField.Boolean, 1UL)]
    public void Integers_travel_as_tahu_stores_them(SparkplugDataType type, double value, SparkplugValueField field, ulong bits)
    {
        var encoded = SparkplugValue.FromNumber(type, value);

        Assert.Equal(field, encoded.Field);
        Assert.Equal(bits, encoded.Bits);
        Assert.Equal(value, encoded.ToNumber(type));
    }
}
