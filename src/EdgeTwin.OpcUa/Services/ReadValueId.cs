using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Identifies an attribute of a node to read or monitor (OPC 10000-4 §7.29).</summary>
public sealed record ReadValueId : IEncodeable<ReadValueId>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=628).</summary>
    public static readonly NodeId EncodingId = new(0, 628);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The node.</summary>
    public NodeId NodeId { get; init; }

    /// <summary>The attribute (see AttributeIds; 13 = Value).</summary>
    public uint AttributeId { get; init; }

    /// <summary>A sub-range of an array value, or null.</summary>
    public string? IndexRange { get; init; }

    /// <summary>The data encoding to return, or null for the default.</summary>
    public QualifiedName DataEncoding { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(NodeId);
        encoder.WriteUInt32(AttributeId);
        encoder.WriteString(IndexRange);
        encoder.WriteQualifiedName(DataEncoding);
    }

    /// <summary>Reads the structure.</summary>
    public static ReadValueId Decode(BinaryDecoder decoder)
    {
        return new()
        {
            NodeId = decoder.ReadNodeId(),
            AttributeId = decoder.ReadUInt32(),
            IndexRange = decoder.ReadString(),
            DataEncoding = decoder.ReadQualifiedName(),
        };
    }
}
