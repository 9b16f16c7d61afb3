using System.Buffers.Binary;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// The server's application layer, shared by TCP and RTU: decodes a request PDU, executes it against an
/// <see cref="IModbusDataStore"/> and encodes the answer (a normal or an exception response). Pure and
/// allocation-free; never throws for bad input.
/// </summary>
public sealed class ModbusRequestHandler
{
    private readonly IModbusDataStore _store;

    /// <summary>Creates a handler serving <paramref name="store"/>.</summary>
    public ModbusRequestHandler(IModbusDataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// Handles one request of <paramref name="unit"/>; writes the response PDU into <paramref name="response"/>
    /// (at least <see cref="ModbusLimits.MaxPduLength"/> bytes) and returns its length, or 0 when no answer is due
    /// (a unit the store does not serve, or a broadcast).
    /// </summary>
    public int Handle(byte unit, ReadOnlySpan<byte> request, Span<byte> response, bool broadcast = false)
    {
        if (request.IsEmpty || (!broadcast && !_store.HasUnit(unit)))
        {
            return 0;
        }

        var code = Execute(unit, request, response, broadcast, out var length);
        if (broadcast)
        {
            return 0;
        }

        return code == ModbusExceptionCode.None ? length : ModbusResponseEncoder.Exception(response, request[0], code);
    }

    private ModbusExceptionCode Execute(byte unit, ReadOnlySpan<byte> pdu, Span<byte> response, bool broadcast, out int length)
    {
        length = 0;
        if (!ModbusRequestDecoder.TryDecode(pdu, out var request, out var error))
        {
            return error;
        }

        try
        {
            return request.Function switch
            {
                ModbusFunctionCode.ReadCoils => ReadBits(unit, ModbusDataTable.Coils, request, response, broadcast, out length),
                ModbusFunctionCode.ReadDiscreteInputs => ReadBits(unit, ModbusDataTable.DiscreteInputs, request, response, broadcast, out length),
                ModbusFunctionCode.ReadHoldingRegisters => ReadRegisters(unit, ModbusDataTable.HoldingRegisters, request, request.Function, response, broadcast, out length),
                ModbusFunctionCode.ReadInputRegisters => ReadRegisters(unit, ModbusDataTable.InputRegisters, request, request.Function, response, broadcast, out length),
                ModbusFunctionCode.WriteSingleCoil => WriteSingleCoil(unit, request, pdu, response, out length),
                ModbusFunctionCode.WriteSingleRegister => WriteSingleRegister(unit, request, pdu, response, out length),
                ModbusFunctionCode.WriteMultipleCoils => WriteMultipleCoils(unit, request, response, out length),
                ModbusFunctionCode.WriteMultipleRegisters => WriteMultipleRegisters(unit, request, response, out length),
                ModbusFunctionCode.ReadWriteMultipleRegisters => ReadWrite(unit, request, response, broadcast, out length),
                _ => ModbusExceptionCode.IllegalFunction,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A store that fails is a device failure (§7 code 04), not a reason to drop the connection.
            return ModbusExceptionCode.ServerDeviceFailure;
        }
    }

    private ModbusExceptionCode ReadBits(byte unit, ModbusDataTable table, in ModbusRequest request, Span<byte> response, bool broadcast, out int length)
    {
        length = 0;
        if (broadcast)
        {
            return ModbusExceptionCode.None; // reads are not broadcast (§2.1 of the serial spec)
        }

        Span<bool> bits = stackalloc bool[request.Count];
        var code = _store.ReadBits(unit, table, request.Address, bits);
        if (code == ModbusExceptionCode.None)
        {
            length = ModbusResponseEncoder.ReadBits(response, request.Function, bits);
        }

        return code;
    }

    private ModbusExceptionCode ReadRegisters(byte unit, ModbusDataTable table, in ModbusRequest request, ModbusFunctionCode function, Span<byte> response, bool broadcast, out int length)
    {
        length = 0;
        if (broadcast)
        {
            return ModbusExceptionCode.None;
        }

        Span<ushort> registers = stackalloc ushort[request.Count];
        var code = _store.ReadRegisters(unit, table, request.Address, registers);
        if (code == ModbusExceptionCode.None)
        {
            length = ModbusResponseEncoder.ReadRegisters(response, function, registers);
        }

        return code;
    }

    private ModbusExceptionCode WriteSingleCoil(byte unit, in ModbusRequest request, ReadOnlySpan<byte> pdu, Span<byte> response, out int length)
    {
        length = 0;
        ReadOnlySpan<bool> value = [request.Data[0] == 0xFF];
        var code = _store.WriteCoils(unit, request.Address, value);
        if (code == ModbusExceptionCode.None)
        {
            pdu.CopyTo(response); // §6.5: the normal response echoes the request
            length = pdu.Length;
        }

        return code;
    }

    private ModbusExceptionCode WriteSingleRegister(byte unit, in ModbusRequest request, ReadOnlySpan<byte> pdu, Span<byte> response, out int length)
    {
        length = 0;
        ReadOnlySpan<ushort> value = [BinaryPrimitives.ReadUInt16BigEndian(request.Data)];
        var code = _store.WriteRegisters(unit, request.Address, value);
        if (code == ModbusExceptionCode.None)
        {
            pdu.CopyTo(response);
            length = pdu.Length;
        }

        return code;
    }

    private ModbusExceptionCode WriteMultipleCoils(byte unit, in ModbusRequest request, Span<byte> response, out int length)
    {
        length = 0;
        Span<bool> bits = stackalloc bool[request.WriteCount];
        BitPacking.Unpack(request.Data, bits);
        var code = _store.WriteCoils(unit, request.Address, bits);
        if (code == ModbusExceptionCode.None)
        {
            length = ModbusResponseEncoder.WriteMultiple(response, request.Function, request.Address, request.WriteCount);
        }

        return code;
    }

    private ModbusExceptionCode WriteMultipleRegisters(byte unit, in ModbusRequest request, Span<byte> response, out int length)
    {
        length = 0;
        Span<ushort> registers = stackalloc ushort[request.WriteCount];
        ReadRegisterData(request.Data, registers);
        var code = _store.WriteRegisters(unit, request.Address, registers);
        if (code == ModbusExceptionCode.None)
        {
            length = ModbusResponseEncoder.WriteMultiple(response, request.Function, request.Address, request.WriteCount);
        }

        return code;
    }

    // §6.17: the write is performed before the read.
    private ModbusExceptionCode ReadWrite(byte unit, in ModbusRequest request, Span<byte> response, bool broadcast, out int length)
    {
        length = 0;
        Span<ushort> written = stackalloc ushort[request.WriteCount];
        ReadRegisterData(request.Data, written);
        var code = _store.WriteRegisters(unit, request.WriteAddress, written);
        if (code != ModbusExceptionCode.None)
        {
            return code;
        }

        return ReadRegisters(unit, ModbusDataTable.HoldingRegisters, request, ModbusFunctionCode.ReadWriteMultipleRegisters, response, broadcast, out length);
    }

    private static void ReadRegisterData(ReadOnlySpan<byte> data, Span<ushort> registers)
    {
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(i * 2)..]);
        }
    }
}
