using System.Buffers;
using System.Buffers.Binary;
using EdgeTwin.Modbus.Errors;

namespace EdgeTwin.Modbus.Framing;

/// <summary>
/// Finds Modbus TCP frames (Modbus Messaging on TCP/IP V1.0b §3.1.3). The 7-byte MBAP header is
/// 0-1 transaction id, 2-3 protocol id (0 = Modbus), 4-5 length (unit id + PDU), 6 unit id; the PDU follows.
/// </summary>
public static class MbapFramer
{
    /// <summary>
    /// Reads one frame. Returns false and consumes nothing when more bytes are needed (every prefix of a valid frame);
    /// throws <see cref="ModbusProtocolException"/> on a protocol id other than 0 or a length outside 2..254 (the stream
    /// cannot be resynchronised: the caller closes the connection). Never buffers more than one 260-byte ADU.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out MbapFrame frame)
    {
        frame = default;
        if (reader.Remaining < ModbusLimits.MbapHeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[ModbusLimits.MbapHeaderLength];
        reader.TryCopyTo(header);
        var transactionId = BinaryPrimitives.ReadUInt16BigEndian(header); // 0-1
        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(header[2..]); // 2-3
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]); // 4-5
        if (protocolId != 0)
        {
            ModbusThrow.Protocol($"MBAP protocol id {protocolId} at transaction {transactionId}; Modbus is 0.");
        }

        if (length < ModbusLimits.MinMbapLength || length > ModbusLimits.MaxMbapLength)
        {
            ModbusThrow.Protocol($"MBAP length {length} at transaction {transactionId}; must be {ModbusLimits.MinMbapLength}..{ModbusLimits.MaxMbapLength}.");
        }

        var total = ModbusLimits.MbapHeaderLength - 1 + length;
        if (reader.Remaining < total)
        {
            return false;
        }

        var pduStart = reader.Sequence.GetPosition(ModbusLimits.MbapHeaderLength, reader.Position);
        var pdu = reader.Sequence.Slice(pduStart, length - 1);
        frame = new MbapFrame(transactionId, header[6], pdu);
        reader.Advance(total);
        return true;
    }

    /// <summary>Writes the MBAP header for a PDU of <paramref name="pduLength"/> bytes into <paramref name="destination"/>[0..7].</summary>
    public static void WriteHeader(Span<byte> destination, ushort transactionId, byte unit, int pduLength)
    {
        if (pduLength < 1 || pduLength > ModbusLimits.MaxPduLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pduLength), pduLength, $"PDU length must be 1..{ModbusLimits.MaxPduLength}.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId); // 0-1: transaction id
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0); // 2-3: protocol id
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(pduLength + 1)); // 4-5: length
        destination[6] = unit; // 6: unit id
    }

    /// <summary>Writes a whole ADU (header + <paramref name="pdu"/>); returns its length.</summary>
    public static int Write(Span<byte> destination, ushort transactionId, byte unit, ReadOnlySpan<byte> pdu)
    {
        WriteHeader(destination, transactionId, unit, pdu.Length);
        pdu.CopyTo(destination[ModbusLimits.MbapHeaderLength..]);
        return ModbusLimits.MbapHeaderLength + pdu.Length;
    }
}
