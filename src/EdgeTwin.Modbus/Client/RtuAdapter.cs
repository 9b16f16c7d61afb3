using System.Buffers;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Client;

/// <summary>
/// RTU framing (serial line or RTU over TCP). RTU has no transaction id: input is flushed before each request, and an
/// answer must come from the addressed unit with the requested function (or its exception); other bytes are noise.
/// </summary>
internal sealed class RtuAdapter : ModbusAdapter
{
    private readonly RtuFramer _framer = new(RtuFrameDirection.Responses);

    public RtuAdapter(IModbusTransport transport)
        : base(transport, bufferedAnswers: 2)
    {
    }

    public override bool IsSerialFraming => true;

    /// <summary>Bytes dropped while resynchronising.</summary>
    public long DiscardedBytes => _framer.DiscardedBytes;

    protected override int PduOffset => 1;

    public override void DiscardStaleInput()
    {
        ClearBuffer();
        Transport.DiscardInput();
    }

    protected override int WriteAdu(Span<byte> adu, byte unit, ushort transactionId, int pduLength)
    {
        adu[0] = unit;
        return Crc16.Append(adu, 1 + pduLength);
    }

    protected override bool TryReadFrame(ref SequenceReader<byte> reader, byte expectedUnit, byte expectedFunction, out byte unit, out ushort transactionId, out ReadOnlySequence<byte> pdu)
    {
        transactionId = 0;
        unit = 0;
        pdu = default;

        // Skip bytes that cannot begin the answer we wait for, so noise never makes the framer wait for a bogus length.
        while (reader.TryPeek(out var first))
        {
            if (first != expectedUnit)
            {
                reader.Advance(1);
                SkippedFrames++;
                continue;
            }

            if (!reader.TryPeek(1, out var function))
            {
                return false;
            }

            if (function != expectedFunction && function != (expectedFunction | 0x80))
            {
                reader.Advance(1);
                SkippedFrames++;
                continue;
            }

            break;
        }

        if (!_framer.TryRead(ref reader, out var frame))
        {
            return false;
        }

        unit = frame.Unit;
        pdu = frame.Pdu;
        return true;
    }

    protected override bool Matches(byte unit, byte function, byte frameUnit, byte frameFunction) =>
        frameUnit == unit && (frameFunction == function || frameFunction == (function | 0x80));
}
