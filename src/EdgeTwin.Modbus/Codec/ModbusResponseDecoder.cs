using System.Buffers.Binary;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Codec;

/// <summary>
/// Decodes response PDUs on the client side and checks that they answer the request that was sent. An exception
/// response throws <see cref="ModbusException"/>; a response that does not fit throws <see cref="ModbusProtocolException"/>.
/// </summary>
public static class ModbusResponseDecoder
{
    /// <summary>
    /// Throws <see cref="ModbusException"/> when <paramref name="pdu"/> is the exception response to
    /// <paramref name="function"/>, and <see cref="ModbusProtocolException"/> when it answers another function.
    /// </summary>
    public static void ThrowIfException(ReadOnlySpan<byte> pdu, ModbusFunctionCode function)
    {
        if (pdu.Length == 0)
        {
            ModbusThrow.Protocol("Empty response PDU.");
        }

        if (pdu[0] == ((byte)function | 0x80))
        {
            if (pdu.Length != 2)
            {
                ModbusThrow.Protocol($"Exception response to function {(byte)function} has {pdu.Length} bytes; expected 2.");
            }

            ModbusThrow.Exception(function, (ModbusExceptionCode)pdu[1]);
        }

        if (pdu[0] != (byte)function)
        {
            ModbusThrow.Protocol($"Response carries function {pdu[0]}; expected {(byte)function}.");
        }
    }

    /// <summary>FC1/FC2 response (§6.1): byte count must be ceil(count / 8).</summary>
    public static void ReadBits(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int count, Span<bool> destination)
    {
        var data = ReadData(pdu, function, BitPacking.ByteCount(count));
        BitPacking.Unpack(data, destination[..count]);
    }

    /// <summary>FC3/FC4/FC23 response (§6.3): byte count must be 2 * count; registers go to <paramref name="destination"/>.</summary>
    public static void ReadRegisters(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int count, Span<ushort> destination)
    {
        var data = ReadData(pdu, function, count * 2);
        destination = destination[..count];
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(i * 2)..]);
        }
    }

    /// <summary>FC3/FC4/FC23 response copied as big-endian byte pairs (what the value codec reads).</summary>
    public static void ReadRegisters(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int count, Span<byte> destination)
    {
        ReadData(pdu, function, count * 2).CopyTo(destination);
    }

    /// <summary>FC5/FC6 (§6.5, §6.6): the normal response echoes the request.</summary>
    public static void CheckEcho(ReadOnlySpan<byte> pdu, ReadOnlySpan<byte> request)
    {
        ThrowIfException(pdu, (ModbusFunctionCode)request[0]);
        if (!pdu.SequenceEqual(request))
        {
            ModbusThrow.Protocol($"Function {request[0]} response {Convert.ToHexString(pdu)} does not echo the request {Convert.ToHexString(request)}.");
        }
    }

    /// <summary>FC15/FC16 (§6.11, §6.12): the response repeats starting address and quantity.</summary>
    public static void CheckWriteMultiple(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, ushort address, int count)
    {
        ThrowIfException(pdu, function);
        if (pdu.Length != 5)
        {
            ModbusThrow.Protocol($"Function {(byte)function} response has {pdu.Length} bytes; expected 5.");
        }

        var gotAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var gotCount = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (gotAddress != address || gotCount != count)
        {
            ModbusThrow.Protocol($"Function {(byte)function} response confirms {gotCount} at {gotAddress}; wrote {count} at {address}.");
        }
    }

    private static ReadOnlySpan<byte> ReadData(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int expectedBytes)
    {
        ThrowIfException(pdu, function);
        if (pdu.Length < 2)
        {
            ModbusThrow.Protocol($"Function {(byte)function} response has no byte count.");
        }

        // 1: byte count, 2..: data
        if (pdu[1] != expectedBytes)
        {
            ModbusThrow.Protocol($"Function {(byte)function} response byte count {pdu[1]}; expected {expectedBytes}.");
        }

        if (pdu.Length != 2 + expectedBytes)
        {
            ModbusThrow.Protocol($"Function {(byte)function} response has {pdu.Length} bytes; byte count {expectedBytes} needs {2 + expectedBytes}.");
        }

        return pdu[2..];
    }
}
