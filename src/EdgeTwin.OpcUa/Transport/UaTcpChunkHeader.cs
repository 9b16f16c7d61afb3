using System.Buffers.Binary;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>
/// The 8-byte header that starts every UA TCP chunk (OPC 10000-6 §7.1.2.2): message type (3 ASCII bytes),
/// chunk type ('F' final, 'C' intermediate, 'A' abort) and the total chunk size including the header.
/// </summary>
public readonly record struct UaTcpChunkHeader(UaTcpMessageType MessageType, byte ChunkType, int Size)
{
    /// <summary>Size of the header.</summary>
    public const int Length = 8;

    /// <summary>Chunk type of the last (or only) chunk of a message.</summary>
    public const byte Final = (byte)'F';

    /// <summary>Chunk type of an intermediate chunk.</summary>
    public const byte Intermediate = (byte)'C';

    /// <summary>Chunk type of a chunk that aborts the message.</summary>
    public const byte Abort = (byte)'A';

    /// <summary>
    /// Parses a header. Returns false (consuming nothing) when fewer than 8 bytes are available; throws
    /// <see cref="OpcUaException"/> (BadTcpMessageTypeInvalid / BadTcpMessageTooLarge) for a malformed header.
    /// </summary>
    /// <param name="bytes">The received bytes.</param>
    /// <param name="maxChunkSize">The largest chunk accepted (the negotiated receive buffer size).</param>
    /// <param name="header">The parsed header.</param>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int maxChunkSize, out UaTcpChunkHeader header)
    {
        header = default;
        if (bytes.Length < Length)
        {
            return false;
        }

        // 0-2: message type, 3: chunk type, 4-7: message size (OPC 10000-6 Table 50)
        var type = ParseType(bytes[..3]);
        var chunkType = bytes[3];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]);
        var secured = type is UaTcpMessageType.OpenSecureChannel or UaTcpMessageType.CloseSecureChannel or UaTcpMessageType.Message;
        if (secured ? chunkType is not (Final or Intermediate or Abort) : chunkType != Final)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Chunk type 0x{chunkType:X2} is invalid for {type}.");
        }

        if (size < Length + (secured ? 4 : 0))
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Chunk size {size} is smaller than its header.");
        }

        if (size > (uint)maxChunkSize)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTooLarge, $"Chunk of {size} bytes exceeds the receive buffer size {maxChunkSize}.");
        }

        header = new UaTcpChunkHeader(type, chunkType, (int)size);
        return true;
    }

    /// <summary>Writes the header.</summary>
    public void Write(Span<byte> destination)
    {
        var name = MessageType switch
        {
            UaTcpMessageType.Hello => "HEL"u8,
            UaTcpMessageType.Acknowledge => "ACK"u8,
            UaTcpMessageType.Error => "ERR"u8,
            UaTcpMessageType.ReverseHello => "RHE"u8,
            UaTcpMessageType.OpenSecureChannel => "OPN"u8,
            UaTcpMessageType.CloseSecureChannel => "CLO"u8,
            _ => "MSG"u8,
        };
        name.CopyTo(destination);
        destination[3] = ChunkType;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..8], (uint)Size);
    }

    private static UaTcpMessageType ParseType(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("MSG"u8))
        {
            return UaTcpMessageType.Message;
        }

        if (name.SequenceEqual("OPN"u8))
        {
            return UaTcpMessageType.OpenSecureChannel;
        }

        if (name.SequenceEqual("CLO"u8))
        {
            return UaTcpMessageType.CloseSecureChannel;
        }

        if (name.SequenceEqual("ACK"u8))
        {
            return UaTcpMessageType.Acknowledge;
        }

        if (name.SequenceEqual("ERR"u8))
        {
            return UaTcpMessageType.Error;
        }

        if (name.SequenceEqual("HEL"u8))
        {
            return UaTcpMessageType.Hello;
        }

        if (name.SequenceEqual("RHE"u8))
        {
            return UaTcpMessageType.ReverseHello;
        }

        throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Unknown message type 0x{Convert.ToHexString(name)}.");
    }
}
