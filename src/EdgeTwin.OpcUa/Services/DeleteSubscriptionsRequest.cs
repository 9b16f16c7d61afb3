using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Deletes subscriptions (OPC 10000-4 §5.13.8).</summary>
public sealed record DeleteSubscriptionsRequest : IServiceRequest, IEncodeable<DeleteSubscriptionsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=847).</summary>
    public static readonly NodeId EncodingId = new(0, 847);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The subscriptions.</summary>
    public IReadOnlyList<uint> SubscriptionIds { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteArray(SubscriptionIds, static (e, value) => e.WriteUInt32(value));
    }

    /// <summary>Reads the structure.</summary>
    public static DeleteSubscriptionsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionIds = decoder.ReadArray(static d => d.ReadUInt32(), "DeleteSubscriptionsRequest.SubscriptionIds"),
        };
    }
}
