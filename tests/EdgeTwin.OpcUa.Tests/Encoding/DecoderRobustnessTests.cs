using EdgeTwin.OpcUa.Encoding;
using static EdgeTwin.OpcUa.Tests.Encoding.CodecHelpers;

namespace EdgeTwin.OpcUa.Tests.Encoding;

public sealed class DecoderRobustnessTests
{
    private static readonly Func<BinaryDecoder, object?>[] BuiltInReaders =
    [
        d => d.ReadVariant(),
        d => d.ReadDataValue(),
        d => d.ReadExtensionObject(),
        d => d.ReadDiagnosticInfo(),
        d => d.ReadNodeId(),
        d => d.ReadExpandedNodeId(),
        d => d.ReadLocalizedText(),
        d => d.ReadQualifiedName(),
        d => d.ReadString(),
        d => d.ReadByteString(),
    ];

    private static void DecodeOrFailCleanly(Func<BinaryDecoder, object?> read, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            read(new BinaryDecoder(bytes));
        }
        catch (OpcUaDecodingException)
        {
            // the only acceptable failure
        }
    }

    [Fact]
    public void Random_bytes_never_crash_the_built_in_readers()
    {
        var random = new Random(1234);
        foreach (var read in BuiltInReaders)
        {
            for (var i = 0; i < 2000; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                DecodeOrFailCleanly(read, bytes);
            }
        }
    }

    [Fact]
    public void Random_bytes_never_crash_any_structure_decoder()
    {
        var random = new Random(99);
        foreach (var type in SampleStructures.AllTypes())
        {
            var id = SampleStructures.Create(type, 1).BinaryEncodingId;
            Assert.True(EncodeableRegistry.TryGetDecoder(id, out var decode));
            for (var i = 0; i < 300; i++)
            {
                var bytes = new byte[random.Next(0, 128)];
                random.NextBytes(bytes);
                DecodeOrFailCleanly(decode, bytes);
            }
        }
    }

    [Fact]
    public void Mutated_valid_structures_never_crash_the_decoder()
    {
        var random = new Random(7);
        foreach (var type in SampleStructures.AllTypes())
        {
            var valid = Encode(e => e.WriteExtensionObject(new ExtensionObject(SampleStructures.Create(type, 2))));
            for (var i = 0; i < 200; i++)
            {
                var bytes = (byte[])valid.Clone();
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                DecodeOrFailCleanly(d => d.ReadExtensionObject(), bytes);
            }
        }
    }

    [Theory]
    [InlineData("FFFFFF7F")]                 // String of 2 GiB
    [InlineData("8B FFFFFF7F")]              // Variant Double array of 2^31-1 elements
    [InlineData("8C 40420F00")]              // Variant String array of a million elements, no data
    [InlineData("0F FFFFFF7F")]              // Variant ByteString of 2 GiB
    public void Huge_lengths_are_rejected_without_allocating_them(string hex)
    {
        var bytes = Hex(hex);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.ThrowsAny<OpcUaDecodingException>(() =>
        {
            var decoder = new BinaryDecoder(bytes);
            if (bytes.Length == 4)
            {
                decoder.ReadString();
            }
            else
            {
                decoder.ReadVariant();
            }
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
        Assert.Contains("at byte", error.Message);
    }

    [Fact]
    public void String_longer_than_the_limit_is_a_limits_error()
    {
        var limits = new OpcUaLimits { MaxStringLength = 4 };
        var bytes = Encode(e => e.WriteString("12345"));
        var error = Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes, limits).ReadString());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, error.StatusCode.Code);
        Assert.Throws<OpcUaEncodingException>(() => Encode(e => e.WriteString("12345"), limits));
    }

    [Fact]
    public void Array_longer_than_the_limit_is_a_limits_error()
    {
        var limits = new OpcUaLimits { MaxArrayLength = 3 };
        var bytes = Encode(e => e.WriteVariant(Variant.FromArray(new[] { 1, 2, 3, 4 }, BuiltInType.Int32)));
        var error = Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes, limits).ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, error.StatusCode.Code);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_not_a_stack_overflow()
    {
        // A Variant array holding a Variant array holding ... 10,000 levels deep: 5 bytes per level.
        const int levels = 10_000;
        var bytes = new byte[levels * 5 + 1];
        for (var i = 0; i < levels; i++)
        {
            bytes[i * 5] = 0x98; // array of Variant
            bytes[(i * 5) + 1] = 1; // length 1
        }

        var error = Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes).ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, error.StatusCode.Code);

        var diagnostics = Enumerable.Repeat((byte)0x40, 10_000).Append((byte)0).ToArray();
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(diagnostics).ReadDiagnosticInfo());
    }

    [Fact]
    public void Nested_DataValue_and_ExtensionObject_count_towards_the_depth()
    {
        var limits = new OpcUaLimits { MaxNestingDepth = 3 };
        var inner = new Variant(BuiltInType.DataValue, new DataValue(new Variant(BuiltInType.DataValue, new DataValue(1.0))));
        var bytes = Encode(e => e.WriteVariant(inner));
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes, limits).ReadVariant());
        Assert.Equal(inner, new BinaryDecoder(bytes).ReadVariant());
    }

    [Fact]
    public void Bad_type_ids_and_masks_are_decoding_errors()
    {
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("1A")).ReadVariant()); // type 26
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("46")).ReadVariant()); // dimensions without array
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("06 0000")).ReadNodeId()); // encoding 6
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("40 00")).ReadNodeId()); // expanded flag in NodeId
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("C0")).ReadDataValue());
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(Hex("0000 03")).ReadExtensionObject());
    }
}
