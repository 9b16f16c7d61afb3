using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A user name and (usually encrypted) password (OPC 10000-4 §7.36.4).</summary>
public sealed record UserNameIdentityToken : IEncodeable<UserNameIdentityToken>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=324).</summary>
    public static readonly NodeId EncodingId = new(0, 324);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The policy id from the endpoint's UserTokenPolicy.</summary>
    public string? PolicyId { get; init; }

    /// <summary>The user name.</summary>
    public string? UserName { get; init; }

    /// <summary>The password, encrypted per EncryptionAlgorithm.</summary>
    public byte[]? Password { get; init; }

    /// <summary>The asymmetric encryption algorithm URI, or null for plain text.</summary>
    public string? EncryptionAlgorithm { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(PolicyId);
        encoder.WriteString(UserName);
        encoder.WriteByteString(Password);
        encoder.WriteString(EncryptionAlgorithm);
    }

    /// <summary>Reads the structure.</summary>
    public static UserNameIdentityToken Decode(BinaryDecoder decoder)
    {
        return new()
        {
            PolicyId = decoder.ReadString(),
            UserName = decoder.ReadString(),
            Password = decoder.ReadByteString(),
            EncryptionAlgorithm = decoder.ReadString(),
        };
    }
}
