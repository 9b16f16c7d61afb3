using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Browses references of nodes (OPC 10000-4 §5.8.2).</summary>
public sealed record BrowseRequest : IServiceRequest, IEncodeable<BrowseRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=527).</summary>
    public static readonly NodeId EncodingId = new(0, 527);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The view.</summary>
    public ViewDescription View { get; init; } = new();

    /// <summary>Most references per node (0 = no limit).</summary>
    public uint RequestedMaxReferencesPerNode { get; init; }

    /// <summary>The nodes to browse.</summary>
    public IReadOnlyList<BrowseDescription> NodesToBrowse { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeable(View);
        encoder.WriteUInt32(RequestedMaxReferencesPerNode);
        encoder.WriteEncodeableArray(NodesToBrowse);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowseRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            View = decoder.ReadEncodeable<ViewDescription>(),
            RequestedMaxReferencesPerNode = decoder.ReadUInt32(),
            NodesToBrowse = decoder.ReadEncodeableArray<BrowseDescription>(),
        };
    }
}
