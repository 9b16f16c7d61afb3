using System.Buffers.Binary;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Codec;

/// <summary>
/// Decodes request PDUs on the server side. Malformed requests are expected input here, so this is a Try-method
/// that returns the exception code to answer (§7, and the state diagrams of §6: illegal function, then
/// quantity/byte count = illegal data value, then address range = illegal data address).
/// </summary>
public static class ModbusRequestDecoder
{
    /// <summary>Decodes <paramref name="pdu"/>; false with <paramref name="error"/> set when it must be refused.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> pdu, out ModbusRequest request, out ModbusExceptionCode error)
    {
        request = default;
        error = ModbusExceptionCode.IllegalDataValue;
        if (pdu.Length == 0)
        {
            return false;
        }

        var function = (ModbusFunctionCode)pdu[0];
        switch (function)
        {
            case ModbusFunctionCode.ReadCoils:
            case ModbusFunctionCode.ReadDiscreteInputs:
                return TryRead(pdu, function, ModbusLimits.MaxReadBits, out request, out error);
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
                return TryRead(pdu, function, ModbusLimits.MaxReadRegisters, out request, out error);
            case ModbusFunctionCode.WriteSingleCoil:
            case ModbusFunctionCode.WriteSingleRegister:
                return TryWriteSingle(pdu, function, out request, out error);
            case ModbusFunctionCode.WriteMultipleCoils:
                return TryWriteMultiple(pdu, function, ModbusLimits.MaxWriteBits, out request, out error);
            case ModbusFunctionCode.WriteMultipleRegisters:
                return TryWriteMultiple(pdu, function, ModbusLimits.MaxWriteRegisters, out request, out error);
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                return TryReadWrite(pdu, out request, out error);
            default:
                error = ModbusExceptionCode.IllegalFunction;
                return false;
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int max, out ModbusRequest request, out ModbusExceptionCode error)
    {
        request = default;
        if (pdu.Length != 5)
        {
            error = ModbusExceptionCode.IllegalDataValue;
            return false;
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (!CheckRange(address, count, max, out error))
        {
            return false;
        }

        request = new ModbusRequest(function, address, count, address, 0, default);
        return true;
    }

    private static bool TryWriteSingle(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, out ModbusRequest request, out ModbusExceptionCode error)
    {
        request = default;
        error = ModbusExceptionCode.IllegalDataValue;
        if (pdu.Length != 5)
        {
            return false;
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var value = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (function == ModbusFunctionCode.WriteSingleCoil && value != 0xFF00 && value != 0x0000)
        {
            return false; // §6.5: any other value is illegal
        }

        error = ModbusExceptionCode.None;
        request = new ModbusRequest(function, address, 1, address, 1, pdu.Slice(3, 2));
        return true;
    }

    private static bool TryWriteMultiple(ReadOnlySpan<byte> pdu, ModbusFunctionCode function, int max, out ModbusRequest request, out ModbusExceptionCode error)
    {
        request = default;
        error = ModbusExceptionCode.IllegalDataValue;
        if (pdu.Length < 6)
        {
            return false;
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]); // 1-2: starting address
        var count = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]); // 3-4: quantity
        var byteCount = pdu[5]; // 5: byte count
        var expectedBytes = function == ModbusFunctionCode.WriteMultipleCoils ? BitPacking.ByteCount(count) : count * 2;
        if (count < 1 || count > max || byteCount != expectedBytes || pdu.Length != 6 + byteCount)
        {
            return false;
        }

        if (!CheckRange(address, count, max, out error))
        {
            return false;
        }

        request = new ModbusRequest(function, address, count, address, count, pdu.Slice(6, byteCount));
        return true;
    }

    private static bool TryReadWrite(ReadOnlySpan<byte> pdu, out ModbusRequest request, out ModbusExceptionCode error)
    {
        request = default;
        error = ModbusExceptionCode.IllegalDataValue;
        if (pdu.Length < 10)
        {
            return false;
        }

        var readAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]); // 1-2
        var readCount = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]); // 3-4
        var writeAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[5..]); // 5-6
        var writeCount = BinaryPrimitives.ReadUInt16BigEndian(pdu[7..]); // 7-8
        var byteCount = pdu[9]; // 9
        if (readCount < 1 || readCount > ModbusLimits.MaxReadWriteReadRegisters
            || writeCount < 1 || writeCount > ModbusLimits.MaxReadWriteWriteRegisters
            || byteCount != writeCount * 2 || pdu.Length != 10 + byteCount)
        {
            return false;
        }

        if (!CheckRange(readAddress, readCount, ModbusLimits.MaxReadWriteReadRegisters, out error)
            || !CheckRange(writeAddress, writeCount, ModbusLimits.MaxReadWriteWriteRegisters, out error))
        {
            return false;
        }

        request = new ModbusRequest(ModbusFunctionCode.ReadWriteMultipleRegisters, readAddress, readCount, writeAddress, writeCount, pdu.Slice(10, byteCount));
        return true;
    }

    private static bool CheckRange(ushort address, int count, int max, out ModbusExceptionCode error)
    {
        if (count < 1 || count > max)
        {
            error = ModbusExceptionCode.IllegalDataValue;
            return false;
        }

        if (address + count > ModbusLimits.AddressSpace)
        {
            error = ModbusExceptionCode.IllegalDataAddress;
            return false;
        }

        error = ModbusExceptionCode.None;
        return true;
    }
}
