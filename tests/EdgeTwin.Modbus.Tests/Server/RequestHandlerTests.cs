using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Modbus.Tests.Server;

public sealed class RequestHandlerTests
{
    private readonly ModbusMemoryStore _store = new();
    private readonly ModbusRequestHandler _handler;
    private readonly byte[] _response = new byte[ModbusLimits.MaxPduLength];

    public RequestHandlerTests()
    {
        var memory = _store.AddUnit(1, new ModbusUnitMemory(coils: 16, discreteInputs: 16, holdingRegisters: 100, inputRegisters: 100));
        memory.AddHole(ModbusDataTable.HoldingRegisters, 50);
        _handler = new ModbusRequestHandler(_store);
    }

    [Fact]
    public void Unknown_function_answers_illegal_function()
    {
        Assert.Equal([0x88, 1], Answer(1, [8, 0, 0, 0, 0]));
        Assert.Equal([0xAB, 1], Answer(1, [0x2B, 0x0E, 1, 0]));
    }

    [Fact]
    public void Address_beyond_the_table_answers_illegal_data_address()
    {
        Assert.Equal([0x83, 2], Answer(1, [3, 0, 99, 0, 2]));
        Assert.Equal([0x81, 2], Answer(1, [1, 0, 15, 0, 2]));
        Assert.Equal([0x86, 2], Answer(1, [6, 0, 100, 0, 1]));
    }

    [Fact]
    public void A_hole_inside_a_block_answers_illegal_data_address()
    {
        Assert.Equal([0x83, 2], Answer(1, [3, 0, 45, 0, 10]));
        Assert.Equal(2 + 2 * 5, Answer(1, [3, 0, 45, 0, 5]).Length);
        Assert.Equal([0x90, 2], Answer(1, [16, 0, 50, 0, 1, 2, 0, 1]));
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 0, 0 })] // quantity 0
    [InlineData(new byte[] { 3, 0, 0, 0, 126 })] // quantity 126
    [InlineData(new byte[] { 1, 0, 0, 0x07, 0xD1 })] // 2001 bits
    [InlineData(new byte[] { 3, 0, 0, 0 })] // truncated
    [InlineData(new byte[] { 5, 0, 0, 0x12, 0x34 })] // coil value other than FF00/0000
    [InlineData(new byte[] { 16, 0, 0, 0, 2, 3, 0, 1, 0 })] // byte count does not match quantity
    [InlineData(new byte[] { 15, 0, 0, 0, 9, 1, 0xFF })] // 9 coils need 2 bytes
    public void Malformed_requests_answer_illegal_data_value(byte[] request)
    {
        Assert.Equal([(byte)(request[0] | 0x80), 3], Answer(1, request));
    }

    [Fact]
    public void Quantity_running_past_65535_answers_illegal_data_address()
    {
        Assert.Equal([0x83, 2], Answer(1, [3, 0xFF, 0xFF, 0, 2]));
    }

    [Fact]
    public void Units_the_store_does_not_serve_get_no_answer()
    {
        Assert.Empty(Answer(9, [3, 0, 0, 0, 1]));
    }

    [Fact]
    public void Broadcast_writes_execute_without_an_answer()
    {
        var all = _store.AnswerAllUnits(new ModbusUnitMemory(holdingRegisters: 10));
        var length = _handler.Handle(0, [6, 0, 2, 0, 42], _response, broadcast: true);
        Assert.Equal(0, length);
        Assert.Equal(42, all.GetRegister(ModbusDataTable.HoldingRegisters, 2));
    }

    private byte[] Answer(byte unit, byte[] request)
    {
        var length = _handler.Handle(unit, request, _response);
        return _response[..length];
    }
}
