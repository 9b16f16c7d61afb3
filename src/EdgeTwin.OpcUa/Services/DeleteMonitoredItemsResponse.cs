using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of deleting monitored items (OPC 10000-4 §5.12.6). One result per item.</summary>
public sealed record DeleteMonitoredItemsResponse : ResultsResponse<StatusCode, StatusCodeElement>, IEncodeable<DeleteMonitoredItemsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=784).</summary>
    public static readonly NodeId EncodingId = new(0, 784);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static DeleteMonitoredItemsResponse Decode(BinaryDecoder decoder) => DecodeAs<DeleteMonitoredItemsResponse>(decoder);
}
