using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>The client's Hello: its buffer sizes and limits and the endpoint URL (OPC 10000-6 §7.1.2.3).</summary>
public sealed record HelloMessage(uint ProtocolVersion, uint ReceiveBufferSize, uint SendBufferSize, uint MaxMessageSize, uint MaxChunkCount, string EndpointUrl)
{
    /// <summary>Longest endpoint URL allowed in a Hello.</summary>
    public const int MaxEndpointUrlLength = 4096;

    /// <summary>Writes the body (after the 8-byte header).</summary>
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ProtocolVersion);
        encoder.WriteUInt32(ReceiveBufferSize);
        encoder.WriteUInt32(SendBufferSize);
        encoder.WriteUInt32(MaxMessageSize);
        encoder.WriteUInt32(MaxChunkCount);
        encoder.WriteString(EndpointUrl);
    }

    /// <summary>Reads the body.</summary>
    public static HelloMessage Decode(BinaryDecoder decoder) => new(
        decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadString() ?? string.Empty);
}
