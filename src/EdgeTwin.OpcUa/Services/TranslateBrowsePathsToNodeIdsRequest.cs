using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Resolves browse paths to NodeIds (OPC 10000-4 §5.8.4).</summary>
public sealed record TranslateBrowsePathsToNodeIdsRequest : IServiceRequest, IEncodeable<TranslateBrowsePathsToNodeIdsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=554).</summary>
    public static readonly NodeId EncodingId = new(0, 554);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The paths.</summary>
    public IReadOnlyList<BrowsePath> BrowsePaths { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeableArray(BrowsePaths);
    }

    /// <summary>Reads the structure.</summary>
    public static TranslateBrowsePathsToNodeIdsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            BrowsePaths = decoder.ReadEncodeableArray<BrowsePath>(),
        };
    }
}
