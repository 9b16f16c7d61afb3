using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The values read (OPC 10000-4 §5.10.2). One result per node to read.</summary>
public sealed record ReadResponse : ResultsResponse<DataValue, DataValueElement>, IEncodeable<ReadResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=634).</summary>
    public static readonly NodeId EncodingId = new(0, 634);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static ReadResponse Decode(BinaryDecoder decoder) => DecodeAs<ReadResponse>(decoder);
}
