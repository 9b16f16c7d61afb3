using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Tests.Client;
using EdgeTwin.Modbus.Tools;

namespace EdgeTwin.Modbus.Tests.Tools;

public sealed class ScannerTests
{
    [Theory]
    [InlineData(ModbusFrameFormat.Mbap)]
    [InlineData(ModbusFrameFormat.Rtu)]
    public async Task Finds_the_units_that_answer(ModbusFrameFormat framing)
    {
        await using var server = await LoopbackServer.StartAsync(framing);
        server.Store.AddUnit(7, new ModbusUnitMemory(holdingRegisters: 0)); // answers, but with exception 2
        await using var client = server.Client(framing: framing);

        // Connected first (with the client's 5 s timeout), so a probe's timeout covers one request, not the connection
        // as well; the earlier 500 ms probes failed now and then on the loaded machine.
        await client.ConnectAsync();
        var probed = new List<ModbusScanResult>();
        var found = await ModbusScanner.ScanAsync(
            client,
            new ModbusScanOptions { FirstUnit = 1, LastUnit = 8, Timeout = TimeSpan.FromSeconds(1) },
            new SynchronousProgress(probed));

        Assert.Equal([1, 2, 7], found.Select(r => (int)r.Unit));
        Assert.Null(found[0].Exception);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, found[2].Exception);
        Assert.Equal(8, probed.Count);
        Assert.All(probed.Where(p => p.Unit is 3 or 4 or 5 or 6 or 8), p => Assert.False(p.Responded));
    }

    [Fact]
    public async Task A_connection_that_cannot_be_opened_ends_the_scan()
    {
        await using var client = ModbusClient.CreateTcp("127.0.0.1", Peers.FreePort.Get());
        await Assert.ThrowsAsync<Errors.ModbusTransportException>(() => ModbusScanner.ScanAsync(client, new ModbusScanOptions { LastUnit = 10 }));
    }

    private sealed class SynchronousProgress(List<ModbusScanResult> results) : IProgress<ModbusScanResult>
    {
        public void Report(ModbusScanResult value) => results.Add(value);
    }
}
