using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Acknowledges a received notification message (OPC 10000-4 §5.13.5.2).</summary>
public sealed record SubscriptionAcknowledgement : IEncodeable<SubscriptionAcknowledgement>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=823).</summary>
    public static readonly NodeId EncodingId = new(0, 823);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The subscription.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>The sequence number received.</summary>
    public uint SequenceNumber { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteUInt32(SequenceNumber);
    }

    /// <summary>Reads the structure.</summary>
    public static SubscriptionAcknowledgement Decode(BinaryDecoder decoder)
    {
        return new()
        {
            SubscriptionId = decoder.ReadUInt32(),
            SequenceNumber = decoder.ReadUInt32(),
        };
    }
}
