using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of a write (OPC 10000-4 §5.10.4). One result per value written.</summary>
public sealed record WriteResponse : ResultsResponse<StatusCode, StatusCodeElement>, IEncodeable<WriteResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=676).</summary>
    public static readonly NodeId EncodingId = new(0, 676);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static WriteResponse Decode(BinaryDecoder decoder) => DecodeAs<WriteResponse>(decoder);
}
