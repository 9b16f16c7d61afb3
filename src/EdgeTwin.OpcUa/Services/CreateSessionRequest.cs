using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Creates a session (OPC 10000-4 §5.6.2).</summary>
public sealed record CreateSessionRequest : IServiceRequest, IEncodeable<CreateSessionRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=461).</summary>
    public static readonly NodeId EncodingId = new(0, 461);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The client application.</summary>
    public ApplicationDescription ClientDescription { get; init; } = new();

    /// <summary>The server's application URI, if known.</summary>
    public string? ServerUri { get; init; }

    /// <summary>The endpoint URL the client connected to.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>A readable session name.</summary>
    public string? SessionName { get; init; }

    /// <summary>Random bytes the server signs to prove possession of its key.</summary>
    public byte[]? ClientNonce { get; init; }

    /// <summary>The client's application instance certificate (DER).</summary>
    public byte[]? ClientCertificate { get; init; }

    /// <summary>Session timeout in milliseconds.</summary>
    public double RequestedSessionTimeout { get; init; }

    /// <summary>Largest response the client accepts (0 = no limit).</summary>
    public uint MaxResponseMessageSize { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeable(ClientDescription);
        encoder.WriteString(ServerUri);
        encoder.WriteString(EndpointUrl);
        encoder.WriteString(SessionName);
        encoder.WriteByteString(ClientNonce);
        encoder.WriteByteString(ClientCertificate);
        encoder.WriteDouble(RequestedSessionTimeout);
        encoder.WriteUInt32(MaxResponseMessageSize);
    }

    /// <summary>Reads the structure.</summary>
    public static CreateSessionRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            ClientDescription = decoder.ReadEncodeable<ApplicationDescription>(),
            ServerUri = decoder.ReadString(),
            EndpointUrl = decoder.ReadString(),
            SessionName = decoder.ReadString(),
            ClientNonce = decoder.ReadByteString(),
            ClientCertificate = decoder.ReadByteString(),
            RequestedSessionTimeout = decoder.ReadDouble(),
            MaxResponseMessageSize = decoder.ReadUInt32(),
        };
    }
}
