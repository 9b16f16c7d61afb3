using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Modbus.Tests.Codec;

/// <summary>Every function: client encoder → server decoder/handler → server encoder → client decoder.</summary>
public sealed class FunctionRoundTripTests
{
    private readonly ModbusMemoryStore _store = new();
    private readonly ModbusUnitMemory _memory;
    private readonly ModbusRequestHandler _handler;
    private readonly byte[] _request = new byte[ModbusLimits.MaxPduLength];
    private readonly byte[] _response = new byte[ModbusLimits.MaxPduLength];

    public FunctionRoundTripTests()
    {
        _memory = _store.AddUnit(7, new ModbusUnitMemory(coils: 3000, discreteInputs: 3000, holdingRegisters: 300, inputRegisters: 300));
        _handler = new ModbusRequestHandler(_store);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(2000)]
    public void ReadCoils_round_trip(int count)
    {
        var expected = Enumerable.Range(0, count).Select(i => i % 3 == 0).ToArray();
        _memory.SetBits(ModbusDataTable.Coils, 10, expected);
        var length = ModbusRequestEncoder.Read(_request, ModbusFunctionCode.ReadCoils, 10, count);
        Assert.Equal([1, 0, 10, (byte)(count >> 8), (byte)count], _request[..length]);

        var answer = Serve(length);
        Assert.Equal(2 + (count + 7) / 8, answer);
        var bits = new bool[count];
        ModbusResponseDecoder.ReadBits(_response.AsSpan(0, answer), ModbusFunctionCode.ReadCoils, count, bits);
        Assert.Equal(expected, bits);
    }

    [Fact]
    public void ReadDiscreteInputs_round_trip()
    {
        bool[] expected = [true, false, true, true, false, false, false, true, true];
        _memory.SetBits(ModbusDataTable.DiscreteInputs, (ushort)(3000 - expected.Length), expected);
        var length = ModbusRequestEncoder.Read(_request, ModbusFunctionCode.ReadDiscreteInputs, (ushort)(3000 - expected.Length), expected.Length);
        var answer = Serve(length);
        // 9 bits → 2 bytes: 0b10001101, 0b00000001 (§6.2 example layout: first bit in the LSB)
        Assert.Equal([2, 2, 0x8D, 0x01], _response[..answer]);
        var bits = new bool[expected.Length];
        ModbusResponseDecoder.ReadBits(_response.AsSpan(0, answer), ModbusFunctionCode.ReadDiscreteInputs, expected.Length, bits);
        Assert.Equal(expected, bits);
    }

    [Theory]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters, ModbusDataTable.HoldingRegisters, 1)]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters, ModbusDataTable.HoldingRegisters, 125)]
    [InlineData(ModbusFunctionCode.ReadInputRegisters, ModbusDataTable.InputRegisters, 3)]
    [InlineData(ModbusFunctionCode.ReadInputRegisters, ModbusDataTable.InputRegisters, 125)]
    public void ReadRegisters_round_trip(ModbusFunctionCode function, ModbusDataTable table, int count)
    {
        var expected = Enumerable.Range(0, count).Select(i => (ushort)(i * 517 + 3)).ToArray();
        _memory.SetRegisters(table, 100, expected);
        var length = ModbusRequestEncoder.Read(_request, function, 100, count);
        var answer = Serve(length);
        Assert.Equal(2 + count * 2, answer);
        Assert.Equal((byte)(count * 2), _response[1]);

        var registers = new ushort[count];
        ModbusResponseDecoder.ReadRegisters(_response.AsSpan(0, answer), function, count, registers);
        Assert.Equal(expected, registers);

        var bytes = new byte[count * 2];
        ModbusResponseDecoder.ReadRegisters(_response.AsSpan(0, answer), function, count, bytes);
        Assert.Equal(expected[0] >> 8, bytes[0]);
        Assert.Equal(expected[0] & 0xFF, bytes[1]);
    }

    [Theory]
    [InlineData(true, 0xFF)]
    [InlineData(false, 0x00)]
    public void WriteSingleCoil_round_trip(bool value, byte high)
    {
        _memory.SetBits(ModbusDataTable.Coils, 173, [!value]);
        var length = ModbusRequestEncoder.WriteSingleCoil(_request, 173, value);
        Assert.Equal([5, 0, 173, high, 0], _request[..length]);
        var answer = Serve(length);
        ModbusResponseDecoder.CheckEcho(_response.AsSpan(0, answer), _request.AsSpan(0, length));
        Assert.Equal(value, _memory.GetBit(ModbusDataTable.Coils, 173));
    }

    [Fact]
    public void WriteSingleRegister_round_trip()
    {
        var length = ModbusRequestEncoder.WriteSingleRegister(_request, 1, 0x0003);
        Assert.Equal([6, 0, 1, 0, 3], _request[..length]); // §6.6 example
        var answer = Serve(length);
        ModbusResponseDecoder.CheckEcho(_response.AsSpan(0, answer), _request.AsSpan(0, length));
        Assert.Equal(3, _memory.GetRegister(ModbusDataTable.HoldingRegisters, 1));
    }

    [Fact]
    public void WriteMultipleCoils_matches_the_spec_example()
    {
        // §6.11: write 10 coils from 20 (0x13 = 19 in the spec's 0-based example): CD 01
        bool[] values = [true, false, true, true, false, false, true, true, true, false];
        var length = ModbusRequestEncoder.WriteMultipleCoils(_request, 19, values);
        Assert.Equal([0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01], _request[..length]);
        var answer = Serve(length);
        ModbusResponseDecoder.CheckWriteMultiple(_response.AsSpan(0, answer), ModbusFunctionCode.WriteMultipleCoils, 19, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], _memory.GetBit(ModbusDataTable.Coils, (ushort)(19 + i)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(123)]
    public void WriteMultipleRegisters_round_trip(int count)
    {
        var values = Enumerable.Range(0, count).Select(i => (ushort)(0xFFFF - i)).ToArray();
        var length = ModbusRequestEncoder.WriteMultipleRegisters(_request, 5, values);
        Assert.Equal(6 + count * 2, length);
        var answer = Serve(length);
        ModbusResponseDecoder.CheckWriteMultiple(_response.AsSpan(0, answer), ModbusFunctionCode.WriteMultipleRegisters, 5, count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(values[i], _memory.GetRegister(ModbusDataTable.HoldingRegisters, (ushort)(5 + i)));
        }
    }

    [Fact]
    public void WriteMultipleRegisters_from_bytes_matches_the_ushort_encoding()
    {
        var fromWords = ModbusRequestEncoder.WriteMultipleRegisters(_request, 9, [0x0102, 0x0304]);
        var expected = _request[..fromWords];
        var fromBytes = ModbusRequestEncoder.WriteMultipleRegisters(_request, 9, new byte[] { 1, 2, 3, 4 });
        Assert.Equal(expected, _request[..fromBytes]);
    }

    [Fact]
    public void ReadWriteMultipleRegisters_writes_before_reading()
    {
        _memory.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [10, 11, 12, 13]);
        var length = ModbusRequestEncoder.ReadWriteMultipleRegisters(_request, 1, 3, 2, [200, 201]);
        var answer = Serve(length);
        var read = new ushort[3];
        ModbusResponseDecoder.ReadRegisters(_response.AsSpan(0, answer), ModbusFunctionCode.ReadWriteMultipleRegisters, 3, read);
        Assert.Equal([11, 200, 201], read);
    }

    [Fact]
    public void Exception_response_becomes_ModbusException_with_the_code()
    {
        var length = ModbusRequestEncoder.Read(_request, ModbusFunctionCode.ReadHoldingRegisters, 299, 2);
        var answer = Serve(length);
        Assert.Equal([0x83, 0x02], _response[..answer]);
        var ex = Assert.Throws<ModbusException>(() =>
            ModbusResponseDecoder.ReadRegisters(_response.AsSpan(0, answer), ModbusFunctionCode.ReadHoldingRegisters, 2, new ushort[2]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, ex.Function);
        Assert.Contains("Modbus exception 2 (IllegalDataAddress)", ex.Message);
    }

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalFunction)]
    [InlineData(ModbusExceptionCode.IllegalDataAddress)]
    [InlineData(ModbusExceptionCode.IllegalDataValue)]
    [InlineData(ModbusExceptionCode.ServerDeviceFailure)]
    [InlineData(ModbusExceptionCode.Acknowledge)]
    [InlineData(ModbusExceptionCode.ServerDeviceBusy)]
    [InlineData(ModbusExceptionCode.GatewayPathUnavailable)]
    [InlineData(ModbusExceptionCode.GatewayTargetFailedToRespond)]
    public void Every_exception_code_maps_to_its_name(ModbusExceptionCode code)
    {
        var length = ModbusResponseEncoder.Exception(_response, (byte)ModbusFunctionCode.WriteMultipleRegisters, code);
        var ex = Assert.Throws<ModbusException>(() =>
            ModbusResponseDecoder.CheckWriteMultiple(_response.AsSpan(0, length), ModbusFunctionCode.WriteMultipleRegisters, 0, 1));
        Assert.Equal(code, ex.Code);
        Assert.Contains($"({code})", ex.Message);
    }

    private int Serve(int requestLength) => _handler.Handle(7, _request.AsSpan(0, requestLength), _response);
}
