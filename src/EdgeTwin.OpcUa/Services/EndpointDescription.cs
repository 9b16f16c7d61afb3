using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>An endpoint a server offers: URL, security and accepted identities (OPC 10000-4 §7.14).</summary>
public sealed record EndpointDescription : IEncodeable<EndpointDescription>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=314).</summary>
    public static readonly NodeId EncodingId = new(0, 314);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The endpoint URL.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The server application.</summary>
    public ApplicationDescription Server { get; init; } = new();

    /// <summary>The server's application instance certificate (DER).</summary>
    public byte[]? ServerCertificate { get; init; }

    /// <summary>The security mode.</summary>
    public MessageSecurityMode SecurityMode { get; init; }

    /// <summary>The security policy URI.</summary>
    public string? SecurityPolicyUri { get; init; }

    /// <summary>The user identity tokens accepted.</summary>
    public IReadOnlyList<UserTokenPolicy> UserIdentityTokens { get; init; } = [];

    /// <summary>The transport profile URI.</summary>
    public string? TransportProfileUri { get; init; }

    /// <summary>Relative security strength (higher is stronger).</summary>
    public byte SecurityLevel { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(EndpointUrl);
        encoder.WriteEncodeable(Server);
        encoder.WriteByteString(ServerCertificate);
        encoder.WriteInt32((int)SecurityMode);
        encoder.WriteString(SecurityPolicyUri);
        encoder.WriteEncodeableArray(UserIdentityTokens);
        encoder.WriteString(TransportProfileUri);
        encoder.WriteByte(SecurityLevel);
    }

    /// <summary>Reads the structure.</summary>
    public static EndpointDescription Decode(BinaryDecoder decoder)
    {
        return new()
        {
            EndpointUrl = decoder.ReadString(),
            Server = decoder.ReadEncodeable<ApplicationDescription>(),
            ServerCertificate = decoder.ReadByteString(),
            SecurityMode = decoder.ReadEnum<MessageSecurityMode>(),
            SecurityPolicyUri = decoder.ReadString(),
            UserIdentityTokens = decoder.ReadEncodeableArray<UserTokenPolicy>(),
            TransportProfileUri = decoder.ReadString(),
            SecurityLevel = decoder.ReadByte(),
        };
    }
}
