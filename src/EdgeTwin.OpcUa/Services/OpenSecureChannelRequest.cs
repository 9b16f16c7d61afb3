using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Opens or renews a secure channel (OPC 10000-4 §5.5.2).</summary>
public sealed record OpenSecureChannelRequest : IServiceRequest, IEncodeable<OpenSecureChannelRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=446).</summary>
    public static readonly NodeId EncodingId = new(0, 446);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The UA TCP protocol version (0).</summary>
    public uint ClientProtocolVersion { get; init; }

    /// <summary>Issue a new token or renew the current one.</summary>
    public SecurityTokenRequestType RequestType { get; init; }

    /// <summary>The security mode of the channel.</summary>
    public MessageSecurityMode SecurityMode { get; init; }

    /// <summary>Random bytes used to derive the symmetric keys.</summary>
    public byte[]? ClientNonce { get; init; }

    /// <summary>Requested token lifetime in milliseconds.</summary>
    public uint RequestedLifetime { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteUInt32(ClientProtocolVersion);
        encoder.WriteInt32((int)RequestType);
        encoder.WriteInt32((int)SecurityMode);
        encoder.WriteByteString(ClientNonce);
        encoder.WriteUInt32(RequestedLifetime);
    }

    /// <summary>Reads the structure.</summary>
    public static OpenSecureChannelRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            ClientProtocolVersion = decoder.ReadUInt32(),
            RequestType = decoder.ReadEnum<SecurityTokenRequestType>(),
            SecurityMode = decoder.ReadEnum<MessageSecurityMode>(),
            ClientNonce = decoder.ReadByteString(),
            RequestedLifetime = decoder.ReadUInt32(),
        };
    }
}
