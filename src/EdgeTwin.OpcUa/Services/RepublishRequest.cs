using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Asks again for a notification message that was missed (OPC 10000-4 §5.13.6).</summary>
public sealed record RepublishRequest : IServiceRequest, IEncodeable<RepublishRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=832).</summary>
    public static readonly NodeId EncodingId = new(0, 832);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The subscription.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>The sequence number wanted.</summary>
    public uint RetransmitSequenceNumber { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteUInt32(RetransmitSequenceNumber);
    }

    /// <summary>Reads the structure.</summary>
    public static RepublishRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionId = decoder.ReadUInt32(),
            RetransmitSequenceNumber = decoder.ReadUInt32(),
        };
    }
}
