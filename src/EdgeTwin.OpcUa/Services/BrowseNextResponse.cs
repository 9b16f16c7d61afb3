using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>More references (OPC 10000-4 §5.8.3). One result per continuation point.</summary>
public sealed record BrowseNextResponse : ResultsResponse<BrowseResult, EncodeableElement<BrowseResult>>, IEncodeable<BrowseNextResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=536).</summary>
    public static readonly NodeId EncodingId = new(0, 536);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static BrowseNextResponse Decode(BinaryDecoder decoder) => DecodeAs<BrowseNextResponse>(decoder);
}
