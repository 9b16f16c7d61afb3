using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Creates monitored items in a subscription (OPC 10000-4 §5.12.2).</summary>
public sealed record CreateMonitoredItemsRequest : IServiceRequest, IEncodeable<CreateMonitoredItemsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=751).</summary>
    public static readonly NodeId EncodingId = new(0, 751);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The subscription.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>Which timestamps notifications carry.</summary>
    public TimestampsToReturn TimestampsToReturn { get; init; }

    /// <summary>The items.</summary>
    public IReadOnlyList<MonitoredItemCreateRequest> ItemsToCreate { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteInt32((int)TimestampsToReturn);
        encoder.WriteEncodeableArray(ItemsToCreate);
    }

    /// <summary>Reads the structure.</summary>
    public static CreateMonitoredItemsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionId = decoder.ReadUInt32(),
            TimestampsToReturn = decoder.ReadEnum<TimestampsToReturn>(),
            ItemsToCreate = decoder.ReadEncodeableArray<MonitoredItemCreateRequest>(),
        };
    }
}
