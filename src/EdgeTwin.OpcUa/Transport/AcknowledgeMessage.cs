using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>The server's Acknowledge: the revised buffer sizes and the server's limits (OPC 10000-6 §7.1.2.4).</summary>
public sealed record AcknowledgeMessage(uint ProtocolVersion, uint ReceiveBufferSize, uint SendBufferSize, uint MaxMessageSize, uint MaxChunkCount)
{
    /// <summary>Writes the body.</summary>
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ProtocolVersion);
        encoder.WriteUInt32(ReceiveBufferSize);
        encoder.WriteUInt32(SendBufferSize);
        encoder.WriteUInt32(MaxMessageSize);
        encoder.WriteUInt32(MaxChunkCount);
    }

    /// <summary>Reads the body.</summary>
    public static AcknowledgeMessage Decode(BinaryDecoder decoder) => new(
        decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32(), decoder.ReadUInt32());
}
