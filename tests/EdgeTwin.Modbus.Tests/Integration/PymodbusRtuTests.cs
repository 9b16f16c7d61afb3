using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Tests.Peers;
using EdgeTwin.Modbus.Transport;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>Our RTU client on a socat pty against the pymodbus 3.0 RTU server on the other end.</summary>
public sealed class PymodbusRtuTests : IClassFixture<PymodbusRtuFixture>
{
    private readonly PymodbusRtuFixture _fixture;

    public PymodbusRtuTests(PymodbusRtuFixture fixture) => _fixture = fixture;

    private ModbusClient Client(int milliseconds = 5000) =>
        ModbusClient.CreateRtu(new ModbusSerialSettings(_fixture.ClientPort, 9600), new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(milliseconds) });

    [Fact]
    public async Task Reads_registers_and_bits_over_rtu()
    {
        await using var client = Client();
        var registers = new byte[8];
        await client.ReadHoldingRegistersAsync(1, 0, 4, registers);
        Assert.Equal(1234, ModbusValueCodec.ReadUInt16(registers));
        Assert.Equal(21.5f, ModbusValueCodec.ReadSingle(registers.AsSpan(4)));

        var coils = new bool[4];
        await client.ReadCoilsAsync(2, 0, 4, coils);
        Assert.Equal([true, false, true, false], coils);

        var input = new ushort[2];
        await client.ReadInputRegistersAsync(1, 98, 2, input);
        Assert.Equal([1098, 1099], input);
    }

    [Fact]
    public async Task A_dead_unit_on_the_bus_only_costs_its_own_timeout()
    {
        await using var client = Client(milliseconds: 5000);
        client.SetTimeout(3, TimeSpan.FromMilliseconds(300));
        var values = new ushort[1];
        for (var round = 0; round < 3; round++)
        {
            await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(3, 0, 1, values));
            await client.ReadHoldingRegistersAsync(1, 0, 1, values);
            Assert.Equal(1234, values[0]);
            await client.ReadHoldingRegistersAsync(2, 12, 1, values);
            Assert.Equal(12, values[0]);
        }

        Assert.Equal(3, client.Timeouts);
        Assert.Equal(9, client.Requests);
    }

    [Fact]
    public async Task Exceptions_arrive_as_ModbusException_over_rtu()
    {
        await using var client = Client();
        var ex = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(1, 149, 2, new ushort[2]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        var ok = new ushort[1];
        await client.ReadHoldingRegistersAsync(1, 149, 1, ok);
        Assert.Equal(149, ok[0]);
    }

    [Fact]
    public async Task Writes_land_and_mbpoll_reads_them_back_over_the_same_line()
    {
        await using (var client = Client())
        {
            await client.WriteSingleRegisterAsync(2, 170, 1701);
            await client.WriteMultipleRegistersAsync(2, 171, new ushort[] { 1, 2 });
            await client.WriteSingleCoilAsync(2, 14, true);
        }

        var (code, output) = await Mbpoll.RunAsync("-m", "rtu", "-a", "2", "-b", "9600", "-P", "none", "-t", "4", "-r", "170", "-0", "-c", "3", "-1", _fixture.ClientPort);
        Assert.True(code == 0, output);
        var values = Mbpoll.ParseValues(output);
        Assert.Equal(["1701", "1", "2"], new[] { values[170], values[171], values[172] });

        await using var again = Client();
        var coil = new bool[1];
        await again.ReadCoilsAsync(2, 14, 1, coil);
        Assert.True(coil[0]);
    }
}
