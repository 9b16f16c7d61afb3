using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The targets of one browse path (OPC 10000-4 §5.8.4.2).</summary>
public sealed record BrowsePathResult : IEncodeable<BrowsePathResult>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=551).</summary>
    public static readonly NodeId EncodingId = new(0, 551);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The result for this path.</summary>
    public StatusCode StatusCode { get; init; }

    /// <summary>The targets.</summary>
    public IReadOnlyList<BrowsePathTarget> Targets { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(StatusCode);
        encoder.WriteEncodeableArray(Targets);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowsePathResult Decode(BinaryDecoder decoder)
    {
        return new()
        {
            StatusCode = decoder.ReadStatusCode(),
            Targets = decoder.ReadEncodeableArray<BrowsePathTarget>(),
        };
    }
}
