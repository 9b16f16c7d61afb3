using System.Buffers.Binary;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Codec;

/// <summary>
/// Encodes request PDUs (function code + data) into a caller's buffer; shared by TCP and RTU. Arguments outside the
/// protocol's limits (<see cref="ModbusLimits"/>) throw <see cref="ArgumentOutOfRangeException"/>: they are caller bugs.
/// </summary>
public static class ModbusRequestEncoder
{
    /// <summary>FC1..FC4 (§6.1-6.4): function, starting address, quantity. Returns the PDU length (5).</summary>
    public static int Read(Span<byte> pdu, ModbusFunctionCode function, ushort address, int count)
    {
        var max = function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Not a read function (1..4)."),
        };
        CheckRange(address, count, max, nameof(count));
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address); // 1-2: starting address
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)count); // 3-4: quantity
        return 5;
    }

    /// <summary>FC5 (§6.5): ON is 0xFF00, OFF 0x0000. Returns 5.</summary>
    public static int WriteSingleCoil(Span<byte> pdu, ushort address, bool value)
    {
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleCoil;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], value ? (ushort)0xFF00 : (ushort)0x0000);
        return 5;
    }

    /// <summary>FC6 (§6.6). Returns 5.</summary>
    public static int WriteSingleRegister(Span<byte> pdu, ushort address, ushort value)
    {
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], value);
        return 5;
    }

    /// <summary>FC15 (§6.11): address, quantity, byte count, packed bits. Returns the PDU length.</summary>
    public static int WriteMultipleCoils(Span<byte> pdu, ushort address, ReadOnlySpan<bool> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteBits, nameof(values));
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)values.Length);
        var byteCount = BitPacking.Pack(values, pdu[6..]);
        pdu[5] = (byte)byteCount; // 5: byte count
        return 6 + byteCount;
    }

    /// <summary>FC16 (§6.12): address, quantity, byte count, registers. Returns the PDU length.</summary>
    public static int WriteMultipleRegisters(Span<byte> pdu, ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteRegisters, nameof(values));
        WriteMultipleHeader(pdu, address, values.Length);
        WriteRegisters(pdu[6..], values);
        return 6 + values.Length * 2;
    }

    /// <summary>FC16 with registers given as big-endian byte pairs (as the value codec encodes them).</summary>
    public static int WriteMultipleRegisters(Span<byte> pdu, ushort address, ReadOnlySpan<byte> registerBytes)
    {
        if ((registerBytes.Length & 1) != 0)
        {
            throw new ArgumentException("Register bytes come in pairs.", nameof(registerBytes));
        }

        var count = registerBytes.Length / 2;
        CheckRange(address, count, ModbusLimits.MaxWriteRegisters, nameof(registerBytes));
        WriteMultipleHeader(pdu, address, count);
        registerBytes.CopyTo(pdu[6..]);
        return 6 + registerBytes.Length;
    }

    /// <summary>FC23 (§6.17): read address/quantity, write address/quantity, byte count, registers. Returns the PDU length.</summary>
    public static int ReadWriteMultipleRegisters(Span<byte> pdu, ushort readAddress, int readCount, ushort writeAddress, ReadOnlySpan<ushort> values)
    {
        CheckRange(readAddress, readCount, ModbusLimits.MaxReadWriteReadRegisters, nameof(readCount));
        CheckRange(writeAddress, values.Length, ModbusLimits.MaxReadWriteWriteRegisters, nameof(values));
        pdu[0] = (byte)ModbusFunctionCode.ReadWriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], readAddress); // 1-2: read starting address
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)readCount); // 3-4: quantity to read
        BinaryPrimitives.WriteUInt16BigEndian(pdu[5..], writeAddress); // 5-6: write starting address
        BinaryPrimitives.WriteUInt16BigEndian(pdu[7..], (ushort)values.Length); // 7-8: quantity to write
        pdu[9] = (byte)(values.Length * 2); // 9: write byte count
        WriteRegisters(pdu[10..], values);
        return 10 + values.Length * 2;
    }

    internal static void WriteRegisters(Span<byte> destination, ReadOnlySpan<ushort> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * 2)..], values[i]);
        }
    }

    private static void WriteMultipleHeader(Span<byte> pdu, ushort address, int count)
    {
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address); // 1-2: starting address
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)count); // 3-4: quantity
        pdu[5] = (byte)(count * 2); // 5: byte count
    }

    private static void CheckRange(ushort address, int count, int max, string paramName)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(paramName, count, $"Quantity must be 1..{max}.");
        }

        if (address + count > ModbusLimits.AddressSpace)
        {
            throw new ArgumentOutOfRangeException(paramName, count, $"Address {address} + quantity {count} runs past 65535.");
        }
    }
}
