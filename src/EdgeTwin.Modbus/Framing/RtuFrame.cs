using System.Buffers;

namespace EdgeTwin.Modbus.Framing;

/// <summary>One RTU ADU with a good CRC: the unit address and the PDU (a view of the receive buffer).</summary>
/// <param name="Unit">Slave address (0 = broadcast in requests).</param>
/// <param name="Pdu">Function code and data, without address and CRC.</param>
public readonly record struct RtuFrame(byte Unit, ReadOnlySequence<byte> Pdu);
