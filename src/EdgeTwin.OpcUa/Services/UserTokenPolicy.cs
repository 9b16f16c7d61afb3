using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A kind of user identity token an endpoint accepts (OPC 10000-4 §7.41).</summary>
public sealed record UserTokenPolicy : IEncodeable<UserTokenPolicy>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=306).</summary>
    public static readonly NodeId EncodingId = new(0, 306);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The id to put into identity tokens of this kind.</summary>
    public string? PolicyId { get; init; }

    /// <summary>Anonymous, user name, certificate or issued token.</summary>
    public UserTokenType TokenType { get; init; }

    /// <summary>For issued tokens, their type URI.</summary>
    public string? IssuedTokenType { get; init; }

    /// <summary>For issued tokens, the issuer.</summary>
    public string? IssuerEndpointUrl { get; init; }

    /// <summary>The policy used to encrypt the secret; null or empty means the channel's policy.</summary>
    public string? SecurityPolicyUri { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(PolicyId);
        encoder.WriteInt32((int)TokenType);
        encoder.WriteString(IssuedTokenType);
        encoder.WriteString(IssuerEndpointUrl);
        encoder.WriteString(SecurityPolicyUri);
    }

    /// <summary>Reads the structure.</summary>
    public static UserTokenPolicy Decode(BinaryDecoder decoder)
    {
        return new()
        {
            PolicyId = decoder.ReadString(),
            TokenType = decoder.ReadEnum<UserTokenType>(),
            IssuedTokenType = decoder.ReadString(),
            IssuerEndpointUrl = decoder.ReadString(),
            SecurityPolicyUri = decoder.ReadString(),
        };
    }
}
