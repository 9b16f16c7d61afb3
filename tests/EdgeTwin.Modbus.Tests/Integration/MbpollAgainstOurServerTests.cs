using System.Globalization;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Tests.Peers;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>mbpoll (an independent master) against our TCP server.</summary>
public sealed class MbpollAgainstOurServerTests
{
    [Fact]
    public async Task Mbpoll_reads_and_writes_our_tcp_server()
    {
        var store = new ModbusMemoryStore();
        var unit = store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 100, inputRegisters: 100, coils: 16, discreteInputs: 16));
        unit.SetValue(ModbusDataTable.HoldingRegisters, 2, 21.5, ModbusDataType.Float32);
        unit.SetRegisters(ModbusDataTable.InputRegisters, 0, [7, 8, 9]);
        unit.SetBits(ModbusDataTable.DiscreteInputs, 0, [false, true]);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var port = server.Port.ToString(CultureInfo.InvariantCulture);

        var (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "4:float", "-B", "-r", "2", "-0", "-c", "1", "-1", "127.0.0.1", "-p", port);
        Assert.True(code == 0, output);
        Assert.Equal("21.5", Mbpoll.ParseValues(output)[2]);

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "3", "-r", "0", "-0", "-c", "3", "-1", "127.0.0.1", "-p", port);
        Assert.True(code == 0, output);
        Assert.Equal("9", Mbpoll.ParseValues(output)[2]);

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "1", "-r", "0", "-0", "-c", "2", "-1", "127.0.0.1", "-p", port);
        Assert.True(code == 0, output);
        Assert.Equal("1", Mbpoll.ParseValues(output)[1]);

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "4", "-r", "10", "-0", "127.0.0.1", "-p", port, "100", "200", "300");
        Assert.True(code == 0, output);
        Assert.Equal(300, unit.GetRegister(ModbusDataTable.HoldingRegisters, 12));

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "0", "-r", "4", "-0", "127.0.0.1", "-p", port, "1");
        Assert.True(code == 0, output);
        Assert.True(unit.GetBit(ModbusDataTable.Coils, 4));

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "4", "-r", "99", "-0", "-c", "2", "-1", "127.0.0.1", "-p", port);
        Assert.Contains("Illegal data address", output);
    }
}
