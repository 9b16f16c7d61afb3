using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Asks for the next notification message of any subscription (OPC 10000-4 §5.13.5).</summary>
public sealed record PublishRequest : IServiceRequest, IEncodeable<PublishRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=826).</summary>
    public static readonly NodeId EncodingId = new(0, 826);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>Messages received since the last request.</summary>
    public IReadOnlyList<SubscriptionAcknowledgement> SubscriptionAcknowledgements { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeableArray(SubscriptionAcknowledgements);
    }

    /// <summary>Reads the structure.</summary>
    public static PublishRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionAcknowledgements = decoder.ReadEncodeableArray<SubscriptionAcknowledgement>(),
        };
    }
}
