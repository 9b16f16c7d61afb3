using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A starting node and a relative path (OPC 10000-4 §5.8.4.2).</summary>
public sealed record BrowsePath : IEncodeable<BrowsePath>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=545).</summary>
    public static readonly NodeId EncodingId = new(0, 545);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>Where to start.</summary>
    public NodeId StartingNode { get; init; }

    /// <summary>The path to follow.</summary>
    public RelativePath RelativePath { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(StartingNode);
        encoder.WriteEncodeable(RelativePath);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowsePath Decode(BinaryDecoder decoder)
    {
        return new()
        {
            StartingNode = decoder.ReadNodeId(),
            RelativePath = decoder.ReadEncodeable<RelativePath>(),
        };
    }
}
