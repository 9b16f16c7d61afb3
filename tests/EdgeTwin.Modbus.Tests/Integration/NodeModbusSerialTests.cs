using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Tests.Peers;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>One modbus-serial (npm) ServerTCP per test class.</summary>
public sealed class NodeModbusFixture : IAsyncLifetime
{
    private NodeModbusServer? _server;

    internal int Port => _server?.Port ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await NodeModbusServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Our client against the npm modbus-serial 8.0.25 ServerTCP (an independent implementation).</summary>
public sealed class NodeModbusSerialTests : IClassFixture<NodeModbusFixture>
{
    private readonly NodeModbusFixture _fixture;

    public NodeModbusSerialTests(NodeModbusFixture fixture) => _fixture = fixture;

    private ModbusClient Client(int milliseconds = 5000) =>
        ModbusClient.CreateTcp("127.0.0.1", _fixture.Port, new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(milliseconds) });

    [Fact]
    public async Task Reads_every_table()
    {
        await using var client = Client();
        var holding = new ushort[4];
        await client.ReadHoldingRegistersAsync(1, 0, 4, holding);
        Assert.Equal(1234, holding[0]);
        Assert.Equal([2, 3], holding[2..]);

        var input = new ushort[2];
        await client.ReadInputRegistersAsync(1, 10, 2, input);
        Assert.Equal([1010, 1011], input);

        var discrete = new bool[3];
        await client.ReadDiscreteInputsAsync(1, 0, 3, discrete);
        Assert.Equal([false, true, false], discrete);

        var coils = new bool[4];
        await client.ReadCoilsAsync(1, 40, 4, coils);
        Assert.Equal([true, false, true, false], coils);
    }

    [Fact]
    public async Task Exception_codes_2_and_6_map_to_their_names()
    {
        await using var client = Client();
        var illegal = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(1, 100, 1, new ushort[1]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, illegal.Code);
        var busy = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(1, 95, 5, new ushort[5]));
        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, busy.Code);
        Assert.Contains("(ServerDeviceBusy)", busy.Message);
    }

    [Fact]
    public async Task Units_it_does_not_serve_time_out_and_unit_1_keeps_answering()
    {
        await using var client = Client(milliseconds: 5000);
        client.SetTimeout(2, TimeSpan.FromMilliseconds(400));
        var values = new ushort[1];
        await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(2, 0, 1, values));
        await client.ReadHoldingRegistersAsync(1, 0, 1, values);
        Assert.Equal(1234, values[0]);
    }

    [Fact]
    public async Task Multiple_writes_read_back()
    {
        await using var client = Client();
        await client.WriteMultipleRegistersAsync(1, 50, new ushort[] { 5000, 5001, 5002 });
        await client.WriteSingleRegisterAsync(1, 53, 5003);
        var back = new ushort[4];
        await client.ReadHoldingRegistersAsync(1, 50, 4, back);
        Assert.Equal([5000, 5001, 5002, 5003], back);

        await client.WriteMultipleCoilsAsync(1, 20, new[] { false, true, true });
        await client.WriteSingleCoilAsync(1, 23, true);
        var coils = new bool[4];
        await client.ReadCoilsAsync(1, 20, 4, coils);
        Assert.Equal([false, true, true, true], coils);
    }
}
