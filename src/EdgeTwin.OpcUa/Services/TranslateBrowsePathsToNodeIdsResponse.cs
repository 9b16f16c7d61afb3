using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The resolved paths (OPC 10000-4 §5.8.4). One result per path.</summary>
public sealed record TranslateBrowsePathsToNodeIdsResponse : ResultsResponse<BrowsePathResult, EncodeableElement<BrowsePathResult>>, IEncodeable<TranslateBrowsePathsToNodeIdsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=557).</summary>
    public static readonly NodeId EncodingId = new(0, 557);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static TranslateBrowsePathsToNodeIdsResponse Decode(BinaryDecoder decoder) => DecodeAs<TranslateBrowsePathsToNodeIdsResponse>(decoder);
}
