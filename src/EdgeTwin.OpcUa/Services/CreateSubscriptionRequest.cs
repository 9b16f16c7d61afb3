using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Creates a subscription (OPC 10000-4 §5.13.2).</summary>
public sealed record CreateSubscriptionRequest : IServiceRequest, IEncodeable<CreateSubscriptionRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=787).</summary>
    public static readonly NodeId EncodingId = new(0, 787);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>Publishing interval in milliseconds.</summary>
    public double RequestedPublishingInterval { get; init; }

    /// <summary>Publishing intervals without a Publish request before the subscription dies.</summary>
    public uint RequestedLifetimeCount { get; init; }

    /// <summary>Publishing intervals without data before a keep-alive is sent.</summary>
    public uint RequestedMaxKeepAliveCount { get; init; }

    /// <summary>Most notifications in one Publish response (0 = no limit).</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    /// <summary>Start publishing at once.</summary>
    public bool PublishingEnabled { get; init; }

    /// <summary>Relative priority.</summary>
    public byte Priority { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteDouble(RequestedPublishingInterval);
        encoder.WriteUInt32(RequestedLifetimeCount);
        encoder.WriteUInt32(RequestedMaxKeepAliveCount);
        encoder.WriteUInt32(MaxNotificationsPerPublish);
        encoder.WriteBoolean(PublishingEnabled);
        encoder.WriteByte(Priority);
    }

    /// <summary>Reads the structure.</summary>
    public static CreateSubscriptionRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            RequestedPublishingInterval = decoder.ReadDouble(),
            RequestedLifetimeCount = decoder.ReadUInt32(),
            RequestedMaxKeepAliveCount = decoder.ReadUInt32(),
            MaxNotificationsPerPublish = decoder.ReadUInt32(),
            PublishingEnabled = decoder.ReadBoolean(),
            Priority = decoder.ReadByte(),
        };
    }
}
