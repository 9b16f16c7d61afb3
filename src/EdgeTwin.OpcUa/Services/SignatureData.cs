using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A digital signature and the URI of its algorithm (OPC 10000-4 §7.36).</summary>
public sealed record SignatureData : IEncodeable<SignatureData>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=458).</summary>
    public static readonly NodeId EncodingId = new(0, 458);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The signature algorithm URI.</summary>
    public string? Algorithm { get; init; }

    /// <summary>The signature bytes.</summary>
    public byte[]? Signature { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(Algorithm);
        encoder.WriteByteString(Signature);
    }

    /// <summary>Reads the structure.</summary>
    public static SignatureData Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Algorithm = decoder.ReadString(),
            Signature = decoder.ReadByteString(),
        };
    }
}
