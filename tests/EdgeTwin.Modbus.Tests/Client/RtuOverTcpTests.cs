using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tests.Client;

public sealed class RtuOverTcpTests
{
    [Fact]
    public async Task Reads_and_writes_with_rtu_frames_over_tcp()
    {
        await using var server = await LoopbackServer.StartAsync(ModbusFrameFormat.Rtu);
        await using var client = server.Client(framing: ModbusFrameFormat.Rtu);
        var values = new ushort[125];
        await client.ReadHoldingRegistersAsync(1, 0, 125, values);
        Assert.Equal(Enumerable.Range(0, 125).Select(a => (ushort)a), values);

        await client.WriteMultipleRegistersAsync(2, 10, new ushort[] { 1, 2, 3 });
        Assert.Equal(3, server.Unit2.GetRegister(ModbusDataTable.HoldingRegisters, 12));

        var bits = new bool[2000];
        await client.ReadDiscreteInputsAsync(1, 0, 2000, bits);
        Assert.True(bits[1998]);
        Assert.False(bits[1999]);
    }

    [Fact]
    public async Task A_silent_unit_costs_only_its_own_timeout_on_a_shared_line()
    {
        await using var server = await LoopbackServer.StartAsync(ModbusFrameFormat.Rtu);
        await using var client = server.Client(TimeSpan.FromSeconds(5), ModbusFrameFormat.Rtu);
        client.SetTimeout(5, TimeSpan.FromMilliseconds(250));
        var values = new ushort[2];
        for (var round = 0; round < 3; round++)
        {
            await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(5, 0, 2, values));
            await client.ReadHoldingRegistersAsync(2, 0, 2, values);
            Assert.Equal([2222, 2223], values);
        }

        Assert.Equal(3, client.Timeouts);
    }

    [Fact]
    public async Task Exception_responses_arrive_as_ModbusException()
    {
        await using var server = await LoopbackServer.StartAsync(ModbusFrameFormat.Rtu);
        await using var client = server.Client(framing: ModbusFrameFormat.Rtu);
        var ex = await Assert.ThrowsAsync<ModbusException>(async () => await client.WriteSingleRegisterAsync(2, 100, 1));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal(ModbusFunctionCode.WriteSingleRegister, ex.Function);
    }

    [Fact]
    public async Task Broadcast_writes_are_not_answered_and_reads_cannot_be_broadcast()
    {
        await using var server = await LoopbackServer.StartAsync(ModbusFrameFormat.Rtu);
        var everyone = server.Store.AnswerAllUnits(new Modbus.Server.ModbusUnitMemory(holdingRegisters: 10));
        await using var client = server.Client(framing: ModbusFrameFormat.Rtu);
        await client.WriteSingleRegisterAsync(0, 3, 77);
        for (var i = 0; i < 100 && everyone.GetRegister(ModbusDataTable.HoldingRegisters, 3) != 77; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(77, everyone.GetRegister(ModbusDataTable.HoldingRegisters, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReadHoldingRegistersAsync(0, 0, 1, new ushort[1]));
    }
}
