using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The references of one browsed node (OPC 10000-4 §7.6).</summary>
public sealed record BrowseResult : IEncodeable<BrowseResult>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=524).</summary>
    public static readonly NodeId EncodingId = new(0, 524);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The result for this node.</summary>
    public StatusCode StatusCode { get; init; }

    /// <summary>Pass to BrowseNext to get more references, or null.</summary>
    public byte[]? ContinuationPoint { get; init; }

    /// <summary>The references.</summary>
    public IReadOnlyList<ReferenceDescription> References { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(StatusCode);
        encoder.WriteByteString(ContinuationPoint);
        encoder.WriteEncodeableArray(References);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowseResult Decode(BinaryDecoder decoder)
    {
        return new()
        {
            StatusCode = decoder.ReadStatusCode(),
            ContinuationPoint = decoder.ReadByteString(),
            References = decoder.ReadEncodeableArray<ReferenceDescription>(),
        };
    }
}
