using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>One step of a relative path (OPC 10000-4 §7.31).</summary>
public sealed record RelativePathElement : IEncodeable<RelativePathElement>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=539).</summary>
    public static readonly NodeId EncodingId = new(0, 539);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The reference type to follow (null = any hierarchical).</summary>
    public NodeId ReferenceTypeId { get; init; }

    /// <summary>Follow inverse references.</summary>
    public bool IsInverse { get; init; }

    /// <summary>Include subtypes of the reference type.</summary>
    public bool IncludeSubtypes { get; init; }

    /// <summary>The browse name of the target.</summary>
    public QualifiedName TargetName { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(ReferenceTypeId);
        encoder.WriteBoolean(IsInverse);
        encoder.WriteBoolean(IncludeSubtypes);
        encoder.WriteQualifiedName(TargetName);
    }

    /// <summary>Reads the structure.</summary>
    public static RelativePathElement Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ReferenceTypeId = decoder.ReadNodeId(),
            IsInverse = decoder.ReadBoolean(),
            IncludeSubtypes = decoder.ReadBoolean(),
            TargetName = decoder.ReadQualifiedName(),
        };
    }
}
