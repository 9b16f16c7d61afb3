using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Moves subscriptions to this session (OPC 10000-4 §5.13.7).</summary>
public sealed record TransferSubscriptionsRequest : IServiceRequest, IEncodeable<TransferSubscriptionsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=841).</summary>
    public static readonly NodeId EncodingId = new(0, 841);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The subscriptions.</summary>
    public IReadOnlyList<uint> SubscriptionIds { get; init; } = [];

    /// <summary>Send the current value of every monitored item.</summary>
    public bool SendInitialValues { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteArray(SubscriptionIds, static (e, value) => e.WriteUInt32(value));
        encoder.WriteBoolean(SendInitialValues);
    }

    /// <summary>Reads the structure.</summary>
    public static TransferSubscriptionsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionIds = decoder.ReadArray(static d => d.ReadUInt32(), "TransferSubscriptionsRequest.SubscriptionIds"),
            SendInitialValues = decoder.ReadBoolean(),
        };
    }
}
