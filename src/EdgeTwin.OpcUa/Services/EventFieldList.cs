using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The fields of one event (OPC 10000-4 §7.25.3).</summary>
public sealed record EventFieldList : IEncodeable<EventFieldList>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=919).</summary>
    public static readonly NodeId EncodingId = new(0, 919);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The item's client handle.</summary>
    public uint ClientHandle { get; init; }

    /// <summary>The selected event fields.</summary>
    public IReadOnlyList<Variant> EventFields { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ClientHandle);
        encoder.WriteArray(EventFields, static (e, value) => e.WriteVariant(value));
    }

    /// <summary>Reads the structure.</summary>
    public static EventFieldList Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ClientHandle = decoder.ReadUInt32(),
            EventFields = decoder.ReadArray(static d => d.ReadVariant(), "EventFieldList.EventFields"),
        };
    }
}
