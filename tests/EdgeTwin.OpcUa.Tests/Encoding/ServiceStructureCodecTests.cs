using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Services;
using static EdgeTwin.OpcUa.Tests.Encoding.CodecHelpers;

namespace EdgeTwin.OpcUa.Tests.Encoding;

public sealed class ServiceStructureCodecTests
{
    public static TheoryData<string> StructureNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in SampleStructures.AllTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    private static Type Find(string name) => SampleStructures.AllTypes().Single(t => t.Name == name);

    [Theory]
    [MemberData(nameof(StructureNames))]
    public void Populated_structure_round_trips_byte_for_byte_through_its_ExtensionObject(string name)
    {
        var value = SampleStructures.Create(Find(name), seed: 3);
        var bytes = Encode(e => e.WriteExtensionObject(new ExtensionObject(value)));

        var decoder = new BinaryDecoder(bytes);
        var decoded = decoder.ReadExtensionObject();
        decoder.EnsureFullyConsumed(name);

        Assert.NotNull(decoded?.Value);
        Assert.IsType(value.GetType(), decoded.Value);
        Assert.Equal(value.BinaryEncodingId, decoded.TypeId);
        Assert.Equal(bytes, Encode(e => e.WriteExtensionObject(decoded)));
    }

    [Theory]
    [MemberData(nameof(StructureNames))]
    public void Every_strict_prefix_of_an_encoding_is_rejected_as_incomplete(string name)
    {
        var value = SampleStructures.Create(Find(name), seed: 5);
        var bytes = Encode(e => e.WriteExtensionObject(new ExtensionObject(value)));
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsMemory(0, length);
            Assert.ThrowsAny<OpcUaDecodingException>(() => new BinaryDecoder(prefix).ReadExtensionObject());
        }
    }

    [Fact]
    public void Registry_knows_every_service_structure_by_its_encoding_id()
    {
        foreach (var type in SampleStructures.AllTypes())
        {
            var value = SampleStructures.Create(type, 1);
            Assert.True(EncodeableRegistry.TryGetDecoder(value.BinaryEncodingId, out _), type.Name);
        }
    }

    [Fact]
    public void ReadRequest_has_the_spec_layout()
    {
        var request = new ReadRequest
        {
            RequestHeader = new RequestHeader { RequestHandle = 7, TimeoutHint = 1000 },
            MaxAge = 0,
            TimestampsToReturn = TimestampsToReturn.Both,
            NodesToRead = [new ReadValueId { NodeId = new NodeId(1, "A"), AttributeId = AttributeIds.Value }],
        };

        var bytes = Encode(request.Encode);
        // RequestHeader: null token (2) + timestamp (8) + handle (4) + diagnostics (4) + audit id (4) + timeout (4) + additional header (3) = 29
        Assert.Equal(Hex("0000 0000000000000000 07000000 00000000 FFFFFFFF E8030000 000000"), bytes.AsSpan(0, 29).ToArray());
        Assert.Equal(Hex("0000000000000000 02000000 01000000 03 0100 01000000 41 0D000000 FFFFFFFF 0000 FFFFFFFF"), bytes.AsSpan(29).ToArray());
    }
}
