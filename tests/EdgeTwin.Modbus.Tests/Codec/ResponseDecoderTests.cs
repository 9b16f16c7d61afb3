using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tests.Codec;

public sealed class ResponseDecoderTests
{
    [Fact]
    public void Byte_count_that_does_not_match_the_request_is_a_protocol_error()
    {
        byte[] pdu = [3, 4, 0, 1, 0, 2];
        var ex = Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, 3, new ushort[3]));
        Assert.Contains("byte count 4; expected 6", ex.Message);
    }

    [Fact]
    public void Truncated_data_is_a_protocol_error()
    {
        byte[] pdu = [3, 4, 0, 1, 0];
        Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, 2, new ushort[2]));
    }

    [Fact]
    public void Answer_to_another_function_is_a_protocol_error()
    {
        byte[] pdu = [4, 2, 0, 1];
        var ex = Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, 1, new ushort[1]));
        Assert.Contains("function 4; expected 3", ex.Message);
    }

    [Fact]
    public void Exception_response_of_wrong_length_is_a_protocol_error()
    {
        byte[] pdu = [0x83, 2, 0];
        Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.ThrowIfException(pdu, ModbusFunctionCode.ReadHoldingRegisters));
    }

    [Fact]
    public void Write_echo_that_differs_is_a_protocol_error()
    {
        byte[] request = [6, 0, 1, 0, 3];
        byte[] response = [6, 0, 1, 0, 4];
        Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.CheckEcho(response, request));
    }

    [Fact]
    public void Write_multiple_confirmation_must_repeat_address_and_quantity()
    {
        byte[] response = [16, 0, 1, 0, 2];
        ModbusResponseDecoder.CheckWriteMultiple(response, ModbusFunctionCode.WriteMultipleRegisters, 1, 2);
        Assert.Throws<ModbusProtocolException>(() => ModbusResponseDecoder.CheckWriteMultiple(response, ModbusFunctionCode.WriteMultipleRegisters, 1, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public void Encoder_refuses_quantities_outside_the_limits(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestEncoder.Read(new byte[8], ModbusFunctionCode.ReadHoldingRegisters, 0, count));
    }

    [Fact]
    public void Encoder_refuses_reads_past_the_address_space()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestEncoder.Read(new byte[8], ModbusFunctionCode.ReadHoldingRegisters, 65535, 2));
        Assert.Equal(5, ModbusRequestEncoder.Read(new byte[8], ModbusFunctionCode.ReadHoldingRegisters, 65535, 1));
    }

    [Fact]
    public void Encoder_limits_writes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestEncoder.WriteMultipleRegisters(new byte[300], 0, new ushort[124]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestEncoder.WriteMultipleCoils(new byte[300], 0, new bool[1969]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestEncoder.ReadWriteMultipleRegisters(new byte[300], 0, 1, 0, new ushort[122]));
    }
}
