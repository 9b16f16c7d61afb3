using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The created subscription (OPC 10000-4 §5.13.2).</summary>
public sealed record CreateSubscriptionResponse : IServiceResponse, IEncodeable<CreateSubscriptionResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=790).</summary>
    public static readonly NodeId EncodingId = new(0, 790);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The subscription id.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>The publishing interval granted.</summary>
    public double RevisedPublishingInterval { get; init; }

    /// <summary>The lifetime count granted.</summary>
    public uint RevisedLifetimeCount { get; init; }

    /// <summary>The keep-alive count granted.</summary>
    public uint RevisedMaxKeepAliveCount { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteDouble(RevisedPublishingInterval);
        encoder.WriteUInt32(RevisedLifetimeCount);
        encoder.WriteUInt32(RevisedMaxKeepAliveCount);
    }

    /// <summary>Reads the structure.</summary>
    public static CreateSubscriptionResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            SubscriptionId = decoder.ReadUInt32(),
            RevisedPublishingInterval = decoder.ReadDouble(),
            RevisedLifetimeCount = decoder.ReadUInt32(),
            RevisedMaxKeepAliveCount = decoder.ReadUInt32(),
        };
    }
}
