using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Deletes monitored items (OPC 10000-4 §5.12.6).</summary>
public sealed record DeleteMonitoredItemsRequest : IServiceRequest, IEncodeable<DeleteMonitoredItemsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=781).</summary>
    public static readonly NodeId EncodingId = new(0, 781);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The subscription.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>The items.</summary>
    public IReadOnlyList<uint> MonitoredItemIds { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteArray(MonitoredItemIds, static (e, value) => e.WriteUInt32(value));
    }

    /// <summary>Reads the structure.</summary>
    public static DeleteMonitoredItemsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            SubscriptionId = decoder.ReadUInt32(),
            MonitoredItemIds = decoder.ReadArray(static d => d.ReadUInt32(), "DeleteMonitoredItemsRequest.MonitoredItemIds"),
        };
    }
}
