using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The references found (OPC 10000-4 §5.8.2). One result per node.</summary>
public sealed record BrowseResponse : ResultsResponse<BrowseResult, EncodeableElement<BrowseResult>>, IEncodeable<BrowseResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=530).</summary>
    public static readonly NodeId EncodingId = new(0, 530);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static BrowseResponse Decode(BinaryDecoder decoder) => DecodeAs<BrowseResponse>(decoder);
}
