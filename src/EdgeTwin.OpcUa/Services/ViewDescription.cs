using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The view to browse (null ViewId = whole address space) (OPC 10000-4 §7.45).</summary>
public sealed record ViewDescription : IEncodeable<ViewDescription>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=513).</summary>
    public static readonly NodeId EncodingId = new(0, 513);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The view node, or null.</summary>
    public NodeId ViewId { get; init; }

    /// <summary>The view version time.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>The view version.</summary>
    public uint ViewVersion { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(ViewId);
        encoder.WriteDateTime(Timestamp);
        encoder.WriteUInt32(ViewVersion);
    }

    /// <summary>Reads the structure.</summary>
    public static ViewDescription Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ViewId = decoder.ReadNodeId(),
            Timestamp = decoder.ReadDateTime(),
            ViewVersion = decoder.ReadUInt32(),
        };
    }
}
