using System.Buffers.Binary;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Codec;

/// <summary>Encodes response PDUs on the server side into a caller's buffer; each method returns the PDU length.</summary>
public static class ModbusResponseEncoder
{
    /// <summary>Exception response (§7): function | 0x80, code.</summary>
    public static int Exception(Span<byte> pdu, byte function, ModbusExceptionCode code)
    {
        pdu[0] = (byte)(function | 0x80);
        pdu[1] = (byte)code;
        return 2;
    }

    /// <summary>FC1/FC2 response: byte count, packed bits.</summary>
    public static int ReadBits(Span<byte> pdu, ModbusFunctionCode function, ReadOnlySpan<bool> bits)
    {
        pdu[0] = (byte)function;
        var byteCount = BitPacking.Pack(bits, pdu[2..]);
        pdu[1] = (byte)byteCount;
        return 2 + byteCount;
    }

    /// <summary>FC3/FC4/FC23 response: byte count, registers.</summary>
    public static int ReadRegisters(Span<byte> pdu, ModbusFunctionCode function, ReadOnlySpan<ushort> registers)
    {
        pdu[0] = (byte)function;
        pdu[1] = (byte)(registers.Length * 2);
        ModbusRequestEncoder.WriteRegisters(pdu[2..], registers);
        return 2 + registers.Length * 2;
    }

    /// <summary>FC5/FC6 response: echo of address and value.</summary>
    public static int WriteSingle(Span<byte> pdu, ModbusFunctionCode function, ushort address, ushort value)
    {
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], value);
        return 5;
    }

    /// <summary>FC15/FC16 response: starting address and quantity.</summary>
    public static int WriteMultiple(Span<byte> pdu, ModbusFunctionCode function, ushort address, int count)
    {
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)count);
        return 5;
    }
}
