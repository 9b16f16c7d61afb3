using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A sequence of browse steps (OPC 10000-4 §7.31).</summary>
public sealed record RelativePath : IEncodeable<RelativePath>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=542).</summary>
    public static readonly NodeId EncodingId = new(0, 542);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The steps.</summary>
    public IReadOnlyList<RelativePathElement> Elements { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeableArray(Elements);
    }

    /// <summary>Reads the structure.</summary>
    public static RelativePath Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Elements = decoder.ReadEncodeableArray<RelativePathElement>(),
        };
    }
}
