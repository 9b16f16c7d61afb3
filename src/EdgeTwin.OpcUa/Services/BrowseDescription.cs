using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A node to browse and which references to follow (OPC 10000-4 §5.8.2.2).</summary>
public sealed record BrowseDescription : IEncodeable<BrowseDescription>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=516).</summary>
    public static readonly NodeId EncodingId = new(0, 516);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The node to browse.</summary>
    public NodeId NodeId { get; init; }

    /// <summary>Forward, inverse or both.</summary>
    public BrowseDirection BrowseDirection { get; init; }

    /// <summary>The reference type to follow (null = all).</summary>
    public NodeId ReferenceTypeId { get; init; }

    /// <summary>Follow subtypes of the reference type.</summary>
    public bool IncludeSubtypes { get; init; }

    /// <summary>Node classes to return (0 = all).</summary>
    public uint NodeClassMask { get; init; }

    /// <summary>Fields to return in each ReferenceDescription (63 = all).</summary>
    public uint ResultMask { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(NodeId);
        encoder.WriteInt32((int)BrowseDirection);
        encoder.WriteNodeId(ReferenceTypeId);
        encoder.WriteBoolean(IncludeSubtypes);
        encoder.WriteUInt32(NodeClassMask);
        encoder.WriteUInt32(ResultMask);
    }

    /// <summary>Reads the structure.</summary>
    public static BrowseDescription Decode(BinaryDecoder decoder)
    {
        return new()
        {
            NodeId = decoder.ReadNodeId(),
            BrowseDirection = decoder.ReadEnum<BrowseDirection>(),
            ReferenceTypeId = decoder.ReadNodeId(),
            IncludeSubtypes = decoder.ReadBoolean(),
            NodeClassMask = decoder.ReadUInt32(),
            ResultMask = decoder.ReadUInt32(),
        };
    }
}
