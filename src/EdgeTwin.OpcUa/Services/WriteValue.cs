using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A value to write to an attribute of a node (OPC 10000-4 §5.10.4.2).</summary>
public sealed record WriteValue : IEncodeable<WriteValue>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=670).</summary>
    public static readonly NodeId EncodingId = new(0, 670);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The node.</summary>
    public NodeId NodeId { get; init; }

    /// <summary>The attribute (13 = Value).</summary>
    public uint AttributeId { get; init; }

    /// <summary>A sub-range of an array value, or null.</summary>
    public string? IndexRange { get; init; }

    /// <summary>The value (usually without status and timestamps).</summary>
    public DataValue Value { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(NodeId);
        encoder.WriteUInt32(AttributeId);
        encoder.WriteString(IndexRange);
        encoder.WriteDataValue(Value);
    }

    /// <summary>Reads the structure.</summary>
    public static WriteValue Decode(BinaryDecoder decoder)
    {
        return new()
        {
            NodeId = decoder.ReadNodeId(),
            AttributeId = decoder.ReadUInt32(),
            IndexRange = decoder.ReadString(),
            Value = decoder.ReadDataValue(),
        };
    }
}
