using System.Buffers;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Framing;

/// <summary>
/// Finds RTU frames in a byte stream (Modbus over serial line V1.02 §2.5.1). RTU has no length field: the frame
/// length follows from the function code and, for variable-length PDUs, the byte count; the CRC-16 confirms it.
/// A byte that cannot start a frame (unknown function, impossible byte count, bad CRC) is skipped, one at a time,
/// until a good frame lines up again (resynchronisation after noise or a partial frame).
/// </summary>
public sealed class RtuFramer
{
    /// <summary>Creates a framer for <paramref name="direction"/>.</summary>
    public RtuFramer(RtuFrameDirection direction) => Direction = direction;

    /// <summary>Whether this framer reads requests or responses.</summary>
    public RtuFrameDirection Direction { get; }

    /// <summary>Bytes skipped while resynchronising, since creation.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>
    /// Reads one frame. Returns false when more bytes are needed; every prefix of a valid frame consumes nothing,
    /// while garbage in front of it is consumed (and counted in <see cref="DiscardedBytes"/>). After a false return
    /// fewer than <see cref="ModbusLimits.MaxRtuAduLength"/> bytes remain, so the caller never buffers more.
    /// </summary>
    public bool TryRead(ref SequenceReader<byte> reader, out RtuFrame frame)
    {
        Span<byte> candidate = stackalloc byte[ModbusLimits.MaxRtuAduLength];
        frame = default;
        while (true)
        {
            var length = FrameLength(ref reader);
            if (length == 0)
            {
                return false;
            }

            if (length > 0 && reader.Remaining < length)
            {
                return false;
            }

            if (length > 0)
            {
                var bytes = candidate[..length];
                reader.TryCopyTo(bytes);
                if (Crc16.Check(bytes))
                {
                    var pduStart = reader.Sequence.GetPosition(1, reader.Position);
                    frame = new RtuFrame(bytes[0], reader.Sequence.Slice(pduStart, length - 3));
                    reader.Advance(length);
                    return true;
                }
            }

            // Cannot start a frame here: drop one byte and look again.
            reader.Advance(1);
            DiscardedBytes++;
        }
    }

    /// <summary>The RTU frame length for <paramref name="function"/> and the byte count found at its position, or -1 if impossible.</summary>
    internal static int LengthOf(RtuFrameDirection direction, byte function, int byteCount) =>
        direction == RtuFrameDirection.Responses ? ResponseLength(function, byteCount) : RequestLength(function, byteCount);

    /// <summary>Offset of the byte count in a frame of <paramref name="function"/>, or 0 when the length is fixed.</summary>
    internal static int ByteCountOffset(RtuFrameDirection direction, byte function)
    {
        if (direction == RtuFrameDirection.Responses)
        {
            return function is 1 or 2 or 3 or 4 or 23 ? 2 : 0; // 0: address, 1: function, 2: byte count
        }

        return function switch
        {
            15 or 16 => 6, // 2-3: address, 4-5: quantity, 6: byte count
            23 => 10, // 2-5: read address/quantity, 6-9: write address/quantity, 10: byte count
            _ => 0,
        };
    }

    // > 0: the frame length; 0: need more bytes; < 0: no frame can start here.
    private int FrameLength(ref SequenceReader<byte> reader)
    {
        if (reader.Remaining < 2)
        {
            return 0;
        }

        reader.TryPeek(0, out var unit);
        reader.TryPeek(1, out var function);
        if (Direction == RtuFrameDirection.Responses && unit == 0)
        {
            return -1; // broadcasts are never answered
        }

        var offset = ByteCountOffset(Direction, function);
        var byteCount = 0;
        if (offset > 0)
        {
            if (reader.Remaining <= offset)
            {
                return 0;
            }

            reader.TryPeek(offset, out var count);
            byteCount = count;
        }

        return LengthOf(Direction, function, byteCount);
    }

    private static int ResponseLength(byte function, int byteCount)
    {
        if ((function & 0x80) != 0)
        {
            return 5; // address, function | 0x80, exception code, CRC
        }

        switch ((ModbusFunctionCode)function)
        {
            case ModbusFunctionCode.ReadCoils:
            case ModbusFunctionCode.ReadDiscreteInputs:
                return byteCount is >= 1 and <= (ModbusLimits.MaxReadBits + 7) / 8 ? 5 + byteCount : -1;
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                return byteCount is >= 2 and <= ModbusLimits.MaxReadRegisters * 2 && (byteCount & 1) == 0 ? 5 + byteCount : -1;
            case ModbusFunctionCode.WriteSingleCoil:
            case ModbusFunctionCode.WriteSingleRegister:
            case ModbusFunctionCode.WriteMultipleCoils:
            case ModbusFunctionCode.WriteMultipleRegisters:
                return 8;
            default:
                return -1;
        }
    }

    private static int RequestLength(byte function, int byteCount)
    {
        switch ((ModbusFunctionCode)function)
        {
            case ModbusFunctionCode.ReadCoils:
            case ModbusFunctionCode.ReadDiscreteInputs:
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
            case ModbusFunctionCode.WriteSingleCoil:
            case ModbusFunctionCode.WriteSingleRegister:
                return 8;
            case ModbusFunctionCode.WriteMultipleCoils:
                return byteCount is >= 1 and <= (ModbusLimits.MaxWriteBits + 7) / 8 ? 9 + byteCount : -1;
            case ModbusFunctionCode.WriteMultipleRegisters:
                return byteCount is >= 2 and <= ModbusLimits.MaxWriteRegisters * 2 && (byteCount & 1) == 0 ? 9 + byteCount : -1;
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                return byteCount is >= 2 and <= ModbusLimits.MaxReadWriteWriteRegisters * 2 && (byteCount & 1) == 0 ? 13 + byteCount : -1;
            default:
                return -1;
        }
    }

    /// <summary>Writes an RTU ADU (address, <paramref name="pdu"/>, CRC); returns its length.</summary>
    public static int Write(Span<byte> destination, byte unit, ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 1 || pdu.Length > ModbusLimits.MaxPduLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pdu), pdu.Length, $"PDU length must be 1..{ModbusLimits.MaxPduLength}.");
        }

        destination[0] = unit;
        pdu.CopyTo(destination[1..]);
        return Crc16.Append(destination, 1 + pdu.Length);
    }
}
