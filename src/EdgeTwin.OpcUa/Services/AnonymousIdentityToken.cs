using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The anonymous user (OPC 10000-4 §7.36.3).</summary>
public sealed record AnonymousIdentityToken : IEncodeable<AnonymousIdentityToken>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=321).</summary>
    public static readonly NodeId EncodingId = new(0, 321);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The policy id from the endpoint's UserTokenPolicy.</summary>
    public string? PolicyId { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(PolicyId);
    }

    /// <summary>Reads the structure.</summary>
    public static AnonymousIdentityToken Decode(BinaryDecoder decoder)
    {
        return new()
        {
            PolicyId = decoder.ReadString(),
        };
    }
}
