using System.Globalization;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Tests.Peers;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>Our RTU server on one end of a socat pty pair; our client and mbpoll on the other.</summary>
public sealed class OurRtuServerTests
{
    [Fact]
    public async Task Serves_our_client_and_mbpoll_over_a_serial_line()
    {
        using var pair = await SocatPair.StartAsync();
        var store = new ModbusMemoryStore();
        var unit = store.AddUnit(5, new ModbusUnitMemory(holdingRegisters: 50, coils: 50));
        unit.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [10, 20, 30]);
        await using var server = new ModbusRtuServer(store, new ModbusSerialSettings(pair.A, 19200));
        await server.StartAsync();

        await using (var client = ModbusClient.CreateRtu(new ModbusSerialSettings(pair.B, 19200), new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(5) }))
        {
            client.SetTimeout(6, TimeSpan.FromMilliseconds(300));
            var values = new ushort[3];
            await client.ReadHoldingRegistersAsync(5, 0, 3, values);
            Assert.Equal([10, 20, 30], values);
            await client.WriteMultipleRegistersAsync(5, 40, new ushort[] { 4000, 4001 });
            Assert.Equal(4001, unit.GetRegister(ModbusDataTable.HoldingRegisters, 41));
            await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(6, 0, 1, values));
            var ex = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(5, 49, 2, values));
            Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        }

        var (code, output) = await Mbpoll.RunAsync("-m", "rtu", "-a", "5", "-b", "19200", "-P", "none", "-t", "4", "-r", "40", "-0", "-c", "2", "-1", pair.B);
        Assert.True(code == 0, output);
        var read = Mbpoll.ParseValues(output);
        Assert.Equal("4000", read[40]);
        Assert.Equal("4001", read[41]);

        (code, output) = await Mbpoll.RunAsync("-m", "rtu", "-a", "5", "-b", "19200", "-P", "none", "-t", "0", "-r", "7", "-0", pair.B, "1");
        Assert.True(code == 0, output);
        Assert.True(unit.GetBit(ModbusDataTable.Coils, 7));
        Assert.True(server.Statistics.Requests >= 5, server.Statistics.Requests.ToString(CultureInfo.InvariantCulture));
    }
}
