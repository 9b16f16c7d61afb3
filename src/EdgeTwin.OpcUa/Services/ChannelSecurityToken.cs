using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Identifies the keys of a secure channel and how long they live (OPC 10000-4 §5.5.2.2).</summary>
public sealed record ChannelSecurityToken : IEncodeable<ChannelSecurityToken>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=443).</summary>
    public static readonly NodeId EncodingId = new(0, 443);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The secure channel id.</summary>
    public uint ChannelId { get; init; }

    /// <summary>The token id used in symmetric message headers.</summary>
    public uint TokenId { get; init; }

    /// <summary>When the server created the token.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>Token lifetime in milliseconds.</summary>
    public uint RevisedLifetime { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ChannelId);
        encoder.WriteUInt32(TokenId);
        encoder.WriteDateTime(CreatedAt);
        encoder.WriteUInt32(RevisedLifetime);
    }

    /// <summary>Reads the structure.</summary>
    public static ChannelSecurityToken Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ChannelId = decoder.ReadUInt32(),
            TokenId = decoder.ReadUInt32(),
            CreatedAt = decoder.ReadDateTime(),
            RevisedLifetime = decoder.ReadUInt32(),
        };
    }
}
