using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A signed software certificate (unused by this client) (OPC 10000-4 §7.37).</summary>
public sealed record SignedSoftwareCertificate : IEncodeable<SignedSoftwareCertificate>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=346).</summary>
    public static readonly NodeId EncodingId = new(0, 346);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The certificate.</summary>
    public byte[]? CertificateData { get; init; }

    /// <summary>The signature.</summary>
    public byte[]? Signature { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteByteString(CertificateData);
        encoder.WriteByteString(Signature);
    }

    /// <summary>Reads the structure.</summary>
    public static SignedSoftwareCertificate Decode(BinaryDecoder decoder)
    {
        return new()
        {
            CertificateData = decoder.ReadByteString(),
            Signature = decoder.ReadByteString(),
        };
    }
}
