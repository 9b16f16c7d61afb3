using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The created monitored items (OPC 10000-4 §5.12.2). One result per item.</summary>
public sealed record CreateMonitoredItemsResponse : ResultsResponse<MonitoredItemCreateResult, EncodeableElement<MonitoredItemCreateResult>>, IEncodeable<CreateMonitoredItemsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=754).</summary>
    public static readonly NodeId EncodingId = new(0, 754);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static CreateMonitoredItemsResponse Decode(BinaryDecoder decoder) => DecodeAs<CreateMonitoredItemsResponse>(decoder);
}
