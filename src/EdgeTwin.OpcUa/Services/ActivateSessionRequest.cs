using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Activates a session with a user identity (also moves a session to a new channel) (OPC 10000-4 §5.6.3).</summary>
public sealed record ActivateSessionRequest : IServiceRequest, IEncodeable<ActivateSessionRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=467).</summary>
    public static readonly NodeId EncodingId = new(0, 467);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The client's signature over server certificate + server nonce.</summary>
    public SignatureData ClientSignature { get; init; } = new();

    /// <summary>Unused.</summary>
    public IReadOnlyList<SignedSoftwareCertificate> ClientSoftwareCertificates { get; init; } = [];

    /// <summary>Preferred locales.</summary>
    public IReadOnlyList<string?> LocaleIds { get; init; } = [];

    /// <summary>The user identity token.</summary>
    public ExtensionObject? UserIdentityToken { get; init; }

    /// <summary>Signature for certificate tokens.</summary>
    public SignatureData UserTokenSignature { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeable(ClientSignature);
        encoder.WriteEncodeableArray(ClientSoftwareCertificates);
        encoder.WriteArray(LocaleIds, static (e, value) => e.WriteString(value));
        encoder.WriteExtensionObject(UserIdentityToken);
        encoder.WriteEncodeable(UserTokenSignature);
    }

    /// <summary>Reads the structure.</summary>
    public static ActivateSessionRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            ClientSignature = decoder.ReadEncodeable<SignatureData>(),
            ClientSoftwareCertificates = decoder.ReadEncodeableArray<SignedSoftwareCertificate>(),
            LocaleIds = decoder.ReadArray(static d => d.ReadString(), "ActivateSessionRequest.LocaleIds"),
            UserIdentityToken = decoder.ReadExtensionObject(),
            UserTokenSignature = decoder.ReadEncodeable<SignatureData>(),
        };
    }
}
