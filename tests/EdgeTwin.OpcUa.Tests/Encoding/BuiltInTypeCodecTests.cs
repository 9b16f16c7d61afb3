using EdgeTwin.OpcUa.Encoding;
using static EdgeTwin.OpcUa.Tests.Encoding.CodecHelpers;

namespace EdgeTwin.OpcUa.Tests.Encoding;

public sealed class BuiltInTypeCodecTests
{
    [Fact]
    public void Primitives_are_little_endian()
    {
        var bytes = Encode(e =>
        {
            e.WriteBoolean(true);
            e.WriteSByte(-2);
            e.WriteInt16(-2);
            e.WriteUInt16(0x1234);
            e.WriteInt32(0x01020304);
            e.WriteUInt32(0xAABBCCDD);
            e.WriteInt64(-1);
            e.WriteFloat(1.0f);
            e.WriteDouble(1.0);
        });

        Assert.Equal(Hex("01 FE FEFF 3412 04030201 DDCCBBAA FFFFFFFFFFFFFFFF 0000803F 000000000000F03F"), bytes);
    }

    [Fact]
    public void String_is_length_prefixed_utf8_and_null_is_minus_one()
    {
        // OPC 10000-6 §5.2.2.4 example: "水Boy" = E6 B0 B4 42 6F 79 with length 6.
        Assert.Equal(Hex("06000000 E6B0B4 426F79"), Encode(e => e.WriteString("水Boy")));
        Assert.Equal(Hex("FFFFFFFF"), Encode(e => e.WriteString(null)));
        Assert.Equal("水Boy", RoundTrip(e => e.WriteString("水Boy"), d => d.ReadString()));
        Assert.Null(RoundTrip(e => e.WriteString(null), d => d.ReadString()));
    }

    [Fact]
    public void DateTime_counts_100ns_ticks_since_1601_and_clamps_the_range()
    {
        var time = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc).AddTicks(4567);
        Assert.Equal(time, RoundTrip(e => e.WriteDateTime(time), d => d.ReadDateTime()));
        Assert.Equal(Hex("0000000000000000"), Encode(e => e.WriteDateTime(DateTime.MinValue)));
        Assert.Equal(Hex("FFFFFFFFFFFFFF7F"), Encode(e => e.WriteDateTime(DateTime.MaxValue)));
        Assert.Equal(DateTime.MinValue, RoundTrip(e => e.WriteInt64(-5), d => d.ReadDateTime()));
        Assert.Equal(DateTime.MaxValue, RoundTrip(e => e.WriteInt64(long.MaxValue - 1), d => d.ReadDateTime()));
        Assert.Equal(Hex("0100000000000000"), Encode(e => e.WriteDateTime(new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1))));
    }

    [Fact]
    public void Guid_uses_the_mixed_endian_layout()
    {
        // OPC 10000-6 §5.2.2.6: 72962B91-FA75-4AE6-8D28-B404DC7DAF63
        var guid = Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63");
        Assert.Equal(Hex("912B9672 75FA E64A 8D28B404DC7DAF63"), Encode(e => e.WriteGuid(guid)));
        Assert.Equal(guid, RoundTrip(e => e.WriteGuid(guid), d => d.ReadGuid()));
    }

    [Fact]
    public void ByteString_round_trips_and_null_is_minus_one()
    {
        Assert.Equal(new byte[] { 1, 2, 3 }, RoundTrip(e => e.WriteByteString([1, 2, 3]), d => d.ReadByteString()));
        Assert.Null(RoundTrip(e => e.WriteByteString((byte[]?)null), d => d.ReadByteString()));
        Assert.Equal(Hex("00000000"), Encode(e => e.WriteByteString(Array.Empty<byte>())));
    }

    [Theory]
    [InlineData("i=72", "0048")]
    [InlineData("ns=5;i=1025", "01050104")]
    [InlineData("i=70000", "02000070110100")]
    [InlineData("ns=300;i=1", "022C0101000000")]
    [InlineData("ns=1;s=Hot水", "030100060000 00486F74E6B0B4")]
    [InlineData("ns=2;g=72962b91-fa75-4ae6-8d28-b404dc7daf63", "040200 912B967275FAE64A8D28B404DC7DAF63")]
    [InlineData("ns=3;b=AQID", "050300 03000000 010203")]
    public void NodeId_uses_the_most_compact_encoding(string text, string hex)
    {
        var nodeId = NodeId.Parse(text);
        var bytes = Encode(e => e.WriteNodeId(nodeId));
        Assert.Equal(Hex(hex), bytes);
        Assert.Equal(nodeId, new BinaryDecoder(bytes).ReadNodeId());
        Assert.Equal(text, nodeId.ToString());
    }

    [Fact]
    public void NodeId_parse_rejects_garbage()
    {
        Assert.Throws<FormatException>(() => NodeId.Parse("ns=x;i=1"));
        Assert.Throws<FormatException>(() => NodeId.Parse("q=1"));
        Assert.Throws<FormatException>(() => NodeId.Parse("i=-1"));
        Assert.Throws<FormatException>(() => NodeId.Parse("ns=1;g=not-a-guid"));
        Assert.False(NodeId.TryParse("", out _));
        Assert.True(NodeId.Parse("i=0").IsNull);
        Assert.False(NodeId.Parse("ns=1;i=0").IsNull);
    }

    [Fact]
    public void NodeId_equality_compares_opaque_bytes()
    {
        Assert.Equal(new NodeId(1, [1, 2]), new NodeId(1, [1, 2]));
        Assert.NotEqual(new NodeId(1, [1, 2]), new NodeId(1, [1, 3]));
        Assert.NotEqual(new NodeId(1, "a"), new NodeId(2, "a"));
        Assert.Equal(new NodeId(1, [1, 2]).GetHashCode(), new NodeId(1, [1, 2]).GetHashCode());
    }

    [Fact]
    public void ExpandedNodeId_sets_uri_and_server_flags()
    {
        var value = new ExpandedNodeId(new NodeId(0, 5), "urn:x", 7);
        var bytes = Encode(e => e.WriteExpandedNodeId(value));
        Assert.Equal(0xC0, bytes[0]);
        Assert.Equal(value, new BinaryDecoder(bytes).ReadExpandedNodeId());
        Assert.Equal(new ExpandedNodeId(new NodeId(2, "x")), RoundTrip(e => e.WriteExpandedNodeId(new NodeId(2, "x")), d => d.ReadExpandedNodeId()));
        Assert.Equal(new NodeId(3, "x"), new ExpandedNodeId(new NodeId(0, "x"), "urn:b").ToNodeId(["http://opcfoundation.org/UA/", "urn:a", "urn:c", "urn:b"]));
    }

    [Fact]
    public void QualifiedName_and_LocalizedText_round_trip()
    {
        Assert.Equal(new QualifiedName(3, "Temp"), RoundTrip(e => e.WriteQualifiedName(new QualifiedName(3, "Temp")), d => d.ReadQualifiedName()));
        Assert.Equal(QualifiedName.Parse("2:Pump"), new QualifiedName(2, "Pump"));
        Assert.Equal(Hex("00"), Encode(e => e.WriteLocalizedText(default)));
        Assert.Equal(Hex("02 02000000 6869"), Encode(e => e.WriteLocalizedText(new LocalizedText("hi"))));
        var text = new LocalizedText("de", "Pumpe");
        Assert.Equal(text, RoundTrip(e => e.WriteLocalizedText(text), d => d.ReadLocalizedText()));
    }

    [Fact]
    public void DataValue_writes_only_present_fields_in_spec_order()
    {
        var source = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var value = new DataValue(new Variant(1.5), new StatusCode(StatusCodes.UncertainLastUsableValue), source, source.AddSeconds(1))
        {
            SourcePicoseconds = 12,
            ServerPicoseconds = 34,
        };

        var bytes = Encode(e => e.WriteDataValue(value));
        Assert.Equal(0x3F, bytes[0]);
        Assert.Equal(value, new BinaryDecoder(bytes).ReadDataValue());
        Assert.Equal(Hex("00"), Encode(e => e.WriteDataValue(new DataValue())));
        Assert.Equal(Hex("01 06 2A000000"), Encode(e => e.WriteDataValue(new DataValue(42))));
    }

    [Fact]
    public void DataValue_clamps_picoseconds_to_9999()
    {
        var bytes = Hex("14 0100000000000000 1027");
        var value = new BinaryDecoder(bytes).ReadDataValue();
        Assert.Equal((ushort)9999, value.SourcePicoseconds);
    }

    public static TheoryData<Variant> Variants() => new()
    {
        Variant.Null,
        true,
        (sbyte)-5,
        (byte)200,
        (short)-300,
        (ushort)60000,
        -70000,
        4000000000u,
        long.MinValue,
        ulong.MaxValue,
        1.25f,
        double.NaN,
        "text",
        new Variant(BuiltInType.String, null),
        new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc),
        Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63"),
        new Variant(BuiltInType.ByteString, new byte[] { 9, 8, 7 }),
        new Variant(BuiltInType.XmlElement, "<a/>"),
        new NodeId(4, "n"),
        new Variant(BuiltInType.ExpandedNodeId, new ExpandedNodeId(new NodeId(1, 2u), "urn:x", 3)),
        new StatusCode(StatusCodes.BadNodeIdUnknown),
        new QualifiedName(1, "q"),
        new LocalizedText("en", "t"),
        new Variant(BuiltInType.ExtensionObject, new ExtensionObject(new NodeId(2, 5000u), ExtensionObjectEncoding.Binary, new byte[] { 1, 2 })),
        new Variant(BuiltInType.DataValue, new DataValue(3.0, StatusCode.Good)),
        new Variant(BuiltInType.DiagnosticInfo, new DiagnosticInfo { SymbolicId = 1, AdditionalInfo = "x" }),
        Variant.FromArray(new[] { 1.0, 2.0, 3.0 }, BuiltInType.Double),
        Variant.FromArray(new byte[] { 1, 2, 3 }, BuiltInType.Byte),
        Variant.FromArray(new[] { "a", null, "c" }, BuiltInType.String),
        Variant.FromArray(new[] { new byte[] { 1 }, null }, BuiltInType.ByteString),
        Variant.FromArray(new[] { new Variant(1), new Variant("x"), Variant.FromArray(new[] { true }, BuiltInType.Boolean) }, BuiltInType.Variant),
        Variant.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, BuiltInType.Int32, [2, 3]),
        Variant.FromArray(Array.Empty<int>(), BuiltInType.Int32, [0, 4]),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_round_trips(Variant value)
    {
        Assert.Equal(value, RoundTrip(e => e.WriteVariant(value), d => d.ReadVariant()));
    }

    [Fact]
    public void Variant_matrix_sets_both_array_flags_and_appends_dimensions()
    {
        var matrix = Variant.FromArray(new[] { 1, 2, 3, 4 }, BuiltInType.Int32, [2, 2]);
        var bytes = Encode(e => e.WriteVariant(matrix));
        Assert.Equal(0xC6, bytes[0]);
        Assert.Equal(Hex("C6 04000000 01000000 02000000 03000000 04000000 02000000 02000000 02000000"), bytes);
    }

    [Fact]
    public void Variant_rejects_dimensions_that_do_not_match_the_length()
    {
        var bytes = Hex("C6 02000000 01000000 02000000 02000000 02000000 02000000");
        var error = Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes).ReadVariant());
        Assert.Contains("dimensions", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Variant_constructor_checks_types()
    {
        Assert.Throws<ArgumentException>(() => new Variant(BuiltInType.Double, 1));
        Assert.Throws<ArgumentException>(() => new Variant(BuiltInType.Int32, null));
        Assert.Throws<ArgumentException>(() => new Variant(BuiltInType.Int32, new[] { 1, 2 }, isArray: true, arrayDimensions: [3]));
        Assert.Throws<ArgumentException>(() => new Variant(BuiltInType.Variant, new Variant(1)));
    }

    [Fact]
    public void Variant_TryGetDouble_converts_numeric_scalars()
    {
        Assert.True(new Variant((short)-3).TryGetDouble(out var value));
        Assert.Equal(-3, value);
        Assert.True(new Variant(true).TryGetDouble(out value));
        Assert.Equal(1, value);
        Assert.False(new Variant("1").TryGetDouble(out _));
        Assert.False(Variant.FromArray(new[] { 1.0 }, BuiltInType.Double).TryGetDouble(out _));
    }

    [Fact]
    public void Variant_scalars_stored_unboxed_keep_type_value_and_equality()
    {
        var local = new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Local);
        Assert.Equal(local, new Variant(BuiltInType.DateTime, local).Value);
        Assert.Equal(DateTimeKind.Local, ((DateTime)new Variant(BuiltInType.DateTime, local).Value!).Kind);
        Assert.IsType<ushort>(((Variant)(ushort)7).Value);
        Assert.Equal((Variant)(byte)200, new Variant(BuiltInType.Byte, (byte)200));
        Assert.NotEqual((Variant)(byte)200, (Variant)(sbyte)-56);
        Assert.Equal(new StatusCode(StatusCodes.BadTimeout), ((Variant)new StatusCode(StatusCodes.BadTimeout)).Value);
        Assert.True(((Variant)new StatusCode(StatusCodes.BadTimeout)).TryGetDouble(out var code));
        Assert.Equal(StatusCodes.BadTimeout, code);

        // As the boxed values compare: 0.0 equals -0.0 (same hash), NaN equals NaN.
        Assert.Equal(new Variant(0.0), new Variant(-0.0));
        Assert.Equal(new Variant(0.0).GetHashCode(), new Variant(-0.0).GetHashCode());
        Assert.Equal(new Variant(double.NaN), new Variant(BuiltInType.Double, double.NaN));
        Assert.Equal("-1.5", ((Variant)(-1.5f)).ToString());
        Assert.Equal(BuiltInType.Float, ((Variant)(-1.5f)).Type);
    }

    [Fact]
    public void DiagnosticInfo_round_trips_nested_in_spec_order()
    {
        var info = new DiagnosticInfo
        {
            SymbolicId = 1,
            NamespaceUri = 2,
            Locale = 3,
            LocalizedText = 4,
            AdditionalInfo = "more",
            InnerStatusCode = new StatusCode(StatusCodes.BadTimeout),
            InnerDiagnosticInfo = new DiagnosticInfo { AdditionalInfo = "inner" },
        };

        var bytes = Encode(e => e.WriteDiagnosticInfo(info));
        Assert.Equal(Hex("7F 01000000 02000000 03000000 04000000"), bytes.AsSpan(0, 17).ToArray());
        Assert.Equal(info, new BinaryDecoder(bytes).ReadDiagnosticInfo());
    }

    [Fact]
    public void ExtensionObject_decodes_known_types_and_keeps_unknown_bodies()
    {
        var filter = new Services.DataChangeFilter { Trigger = Services.DataChangeTrigger.StatusValue, DeadbandType = 1, DeadbandValue = 0.5 };
        var known = RoundTrip(e => e.WriteExtensionObject(new ExtensionObject(filter)), d => d.ReadExtensionObject());
        Assert.Equal(filter, known!.Value);
        Assert.Equal(new NodeId(0, 724), known.TypeId);

        var unknown = new ExtensionObject(new NodeId(3, 99u), ExtensionObjectEncoding.Binary, [5, 6, 7]);
        Assert.Equal(unknown, RoundTrip(e => e.WriteExtensionObject(unknown), d => d.ReadExtensionObject()));
        Assert.Null(RoundTrip(e => e.WriteExtensionObject(null), d => d.ReadExtensionObject()));

        var xml = new ExtensionObject(new NodeId(3, 98u), ExtensionObjectEncoding.Xml, null, "<x/>");
        Assert.Equal(xml, RoundTrip(e => e.WriteExtensionObject(xml), d => d.ReadExtensionObject()));
    }

    [Fact]
    public void ExtensionObject_body_cannot_overrun_its_length()
    {
        // DataChangeFilter (i=724) whose body claims 4 bytes but the filter needs 16.
        var bytes = Hex("0100D402 01 04000000 01000000 01000000 0000000000000000");
        Assert.Throws<OpcUaDecodingException>(() => new BinaryDecoder(bytes).ReadExtensionObject());
    }

    [Fact]
    public void StatusCode_reports_severity_and_name()
    {
        var code = new StatusCode(StatusCodes.BadUserAccessDenied);
        Assert.True(code.IsBad);
        Assert.Equal("BadUserAccessDenied", code.Name);
        Assert.True(new StatusCode(StatusCodes.UncertainInitialValue).IsUncertain);
        Assert.True(StatusCode.Good.IsGood);
        Assert.Equal("BadTimeout (0x800A0400)", new StatusCode(StatusCodes.BadTimeout | 0x400).ToString());
        Assert.Equal("0x81FF0000", new StatusCode(0x81FF0000).Name);
    }
}
