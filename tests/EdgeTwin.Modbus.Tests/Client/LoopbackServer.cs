using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Modbus.Tests.Client;

/// <summary>Our own TCP server on 127.0.0.1 and a free port, with units 1 and 2 filled with known data.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(ModbusTcpServer server, ModbusMemoryStore store)
    {
        Server = server;
        Store = store;
    }

    public ModbusTcpServer Server { get; }

    public ModbusMemoryStore Store { get; }

    public ModbusUnitMemory Unit1 => Store[1];

    public ModbusUnitMemory Unit2 => Store[2];

    public static async Task<LoopbackServer> StartAsync(ModbusFrameFormat framing = ModbusFrameFormat.Mbap, TimeSpan responseDelay = default)
    {
        var store = new ModbusMemoryStore();
        var unit1 = store.AddUnit(1, new ModbusUnitMemory(coils: 2000, discreteInputs: 2000, holdingRegisters: 1000, inputRegisters: 1000));
        var unit2 = store.AddUnit(2, new ModbusUnitMemory(coils: 100, discreteInputs: 100, holdingRegisters: 100, inputRegisters: 100));
        for (ushort a = 0; a < 1000; a++)
        {
            unit1.SetRegisters(ModbusDataTable.HoldingRegisters, a, [a]);
            unit1.SetRegisters(ModbusDataTable.InputRegisters, a, [(ushort)(1000 + a)]);
        }

        unit2.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [2222, 2223]);
        for (ushort a = 0; a < 2000; a++)
        {
            unit1.SetBits(ModbusDataTable.Coils, a, [a % 2 == 0]);
            unit1.SetBits(ModbusDataTable.DiscreteInputs, a, [a % 3 == 0]);
        }

        var server = new ModbusTcpServer(store, new ModbusTcpServerOptions { Framing = framing, ResponseDelay = responseDelay });
        await server.StartAsync();
        return new LoopbackServer(server, store);
    }

    public ModbusClient Client(TimeSpan? timeout = null, ModbusFrameFormat framing = ModbusFrameFormat.Mbap)
    {
        var options = new ModbusClientOptions { Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        return framing == ModbusFrameFormat.Rtu
            ? ModbusClient.CreateRtuOverTcp("127.0.0.1", Server.Port, options)
            : ModbusClient.CreateTcp("127.0.0.1", Server.Port, options);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
