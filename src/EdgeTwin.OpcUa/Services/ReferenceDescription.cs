using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A reference found by Browse (OPC 10000-4 §7.30).</summary>
public sealed record ReferenceDescription : IEncodeable<ReferenceDescription>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=520).</summary>
    public static readonly NodeId EncodingId = new(0, 520);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The reference type.</summary>
    public NodeId ReferenceTypeId { get; init; }

    /// <summary>True for a forward reference.</summary>
    public bool IsForward { get; init; }

    /// <summary>The target node.</summary>
    public ExpandedNodeId NodeId { get; init; }

    /// <summary>The target's browse name.</summary>
    public QualifiedName BrowseName { get; init; }

    /// <summary>The target's display name.</summary>
    public LocalizedText DisplayName { get; init; }

    /// <summary>The target's node class.</summary>
    public NodeClass NodeClass { get; init; }

    /// <summary>The target's type definition (objects and variables).</summary>
    public ExpandedNodeId TypeDefinition { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(ReferenceTypeId);
        encoder.WriteBoolean(IsForward);
        encoder.WriteExpandedNodeId(NodeId);
        encoder.WriteQualifiedName(BrowseName);
        encoder.WriteLocalizedText(DisplayName);
        encoder.WriteInt32((int)NodeClass);
        encoder.WriteExpandedNodeId(TypeDefinition);
    }

    /// <summary>Reads the structure.</summary>
    public static ReferenceDescription Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ReferenceTypeId = decoder.ReadNodeId(),
            IsForward = decoder.ReadBoolean(),
            NodeId = decoder.ReadExpandedNodeId(),
            BrowseName = decoder.ReadQualifiedName(),
            DisplayName = decoder.ReadLocalizedText(),
            NodeClass = decoder.ReadEnum<NodeClass>(),
            TypeDefinition = decoder.ReadExpandedNodeId(),
        };
    }
}
