using System.Buffers;

namespace EdgeTwin.Modbus.Framing;

/// <summary>One Modbus TCP ADU: MBAP header fields and the PDU (a view of the receive buffer).</summary>
/// <param name="TransactionId">Transaction identifier; a response repeats the request's.</param>
/// <param name="Unit">Unit identifier (the serial slave behind a gateway; 0xFF or 0 for the device itself).</param>
/// <param name="Pdu">Function code and data.</param>
public readonly record struct MbapFrame(ushort TransactionId, byte Unit, ReadOnlySequence<byte> Pdu);
