using System.Buffers;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Client;

/// <summary>Modbus TCP: MBAP framing; answers are matched by transaction id, so late answers to timed-out requests are skipped.</summary>
internal sealed class MbapAdapter : ModbusAdapter
{
    public MbapAdapter(IModbusTransport transport, int bufferedAnswers)
        : base(transport, bufferedAnswers)
    {
    }

    public override bool IsSerialFraming => false;

    protected override int PduOffset => ModbusLimits.MbapHeaderLength;

    protected override int WriteAdu(Span<byte> adu, byte unit, ushort transactionId, int pduLength)
    {
        MbapFramer.WriteHeader(adu, transactionId, unit, pduLength);
        return ModbusLimits.MbapHeaderLength + pduLength;
    }

    protected override bool TryReadFrame(ref SequenceReader<byte> reader, byte expectedUnit, byte expectedFunction, out byte unit, out ushort transactionId, out ReadOnlySequence<byte> pdu)
    {
        if (MbapFramer.TryRead(ref reader, out var frame))
        {
            unit = frame.Unit;
            transactionId = frame.TransactionId;
            pdu = frame.Pdu;
            return true;
        }

        unit = 0;
        transactionId = 0;
        pdu = default;
        return false;
    }

    // The transaction id alone identifies the answer; the function is checked by the decoder so that a wrong one is
    // reported instead of waited out.
    protected override bool Matches(byte unit, byte function, byte frameUnit, byte frameFunction) => true;
}
