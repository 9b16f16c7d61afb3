using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The new session (OPC 10000-4 §5.6.2).</summary>
public sealed record CreateSessionResponse : IServiceResponse, IEncodeable<CreateSessionResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=464).</summary>
    public static readonly NodeId EncodingId = new(0, 464);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The public session id.</summary>
    public NodeId SessionId { get; init; }

    /// <summary>The secret token to put into every request header.</summary>
    public NodeId AuthenticationToken { get; init; }

    /// <summary>Session timeout in milliseconds.</summary>
    public double RevisedSessionTimeout { get; init; }

    /// <summary>Random bytes the client signs in ActivateSession.</summary>
    public byte[]? ServerNonce { get; init; }

    /// <summary>The server's application instance certificate.</summary>
    public byte[]? ServerCertificate { get; init; }

    /// <summary>The server's endpoints (to detect tampering with GetEndpoints).</summary>
    public IReadOnlyList<EndpointDescription> ServerEndpoints { get; init; } = [];

    /// <summary>Unused.</summary>
    public IReadOnlyList<SignedSoftwareCertificate> ServerSoftwareCertificates { get; init; } = [];

    /// <summary>The server's signature over client certificate + client nonce.</summary>
    public SignatureData ServerSignature { get; init; } = new();

    /// <summary>Largest request the server accepts (0 = no limit).</summary>
    public uint MaxRequestMessageSize { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteNodeId(SessionId);
        encoder.WriteNodeId(AuthenticationToken);
        encoder.WriteDouble(RevisedSessionTimeout);
        encoder.WriteByteString(ServerNonce);
        encoder.WriteByteString(ServerCertificate);
        encoder.WriteEncodeableArray(ServerEndpoints);
        encoder.WriteEncodeableArray(ServerSoftwareCertificates);
        encoder.WriteEncodeable(ServerSignature);
        encoder.WriteUInt32(MaxRequestMessageSize);
    }

    /// <summary>Reads the structure.</summary>
    public static CreateSessionResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            SessionId = decoder.ReadNodeId(),
            AuthenticationToken = decoder.ReadNodeId(),
            RevisedSessionTimeout = decoder.ReadDouble(),
            ServerNonce = decoder.ReadByteString(),
            ServerCertificate = decoder.ReadByteString(),
            ServerEndpoints = decoder.ReadEncodeableArray<EndpointDescription>(),
            ServerSoftwareCertificates = decoder.ReadEncodeableArray<SignedSoftwareCertificate>(),
            ServerSignature = decoder.ReadEncodeable<SignatureData>(),
            MaxRequestMessageSize = decoder.ReadUInt32(),
        };
    }
}
