using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A node a browse path leads to (OPC 10000-4 §5.8.4.2).</summary>
public sealed record BrowsePathTarget : IEncodeable<BrowsePathTarget>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=548).</summary>
    public static readonly NodeId EncodingId = new(0, 548);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The target node.</summary>
    public ExpandedNodeId TargetId { get; init; }

    /// <summary>Index of the first unprocessed element (UInt32.MaxValue when complete).</summary>
    public uint RemainingPathIndex { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteExpandedNodeId(TargetId);
        encoder.WriteUInt32(RemainingPathIndex);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowsePathTarget Decode(BinaryDecoder decoder)
    {
        return new()
        {
            TargetId = decoder.ReadExpandedNodeId(),
            RemainingPathIndex = decoder.ReadUInt32(),
        };
    }
}
