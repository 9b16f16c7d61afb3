using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The server's answer to OpenSecureChannel (OPC 10000-4 §5.5.2).</summary>
public sealed record OpenSecureChannelResponse : IServiceResponse, IEncodeable<OpenSecureChannelResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=449).</summary>
    public static readonly NodeId EncodingId = new(0, 449);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The server's protocol version.</summary>
    public uint ServerProtocolVersion { get; init; }

    /// <summary>The new token.</summary>
    public ChannelSecurityToken SecurityToken { get; init; } = new();

    /// <summary>Random bytes used to derive the symmetric keys.</summary>
    public byte[]? ServerNonce { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteUInt32(ServerProtocolVersion);
        encoder.WriteEncodeable(SecurityToken);
        encoder.WriteByteString(ServerNonce);
    }

    /// <summary>Reads the structure.</summary>
    public static OpenSecureChannelResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            ServerProtocolVersion = decoder.ReadUInt32(),
            SecurityToken = decoder.ReadEncodeable<ChannelSecurityToken>(),
            ServerNonce = decoder.ReadByteString(),
        };
    }
}
