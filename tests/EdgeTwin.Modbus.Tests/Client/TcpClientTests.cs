using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Client;

public sealed class TcpClientTests
{
    [Fact]
    public async Task Reads_every_table()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();

        var coils = new bool[10];
        await client.ReadCoilsAsync(1, 1, 10, coils);
        Assert.Equal(Enumerable.Range(1, 10).Select(a => a % 2 == 0), coils);

        var inputs = new bool[2000];
        await client.ReadDiscreteInputsAsync(1, 0, 2000, inputs);
        Assert.Equal(Enumerable.Range(0, 2000).Select(a => a % 3 == 0), inputs);

        var holding = new ushort[125];
        await client.ReadHoldingRegistersAsync(1, 875, 125, holding);
        Assert.Equal(Enumerable.Range(875, 125).Select(a => (ushort)a), holding);

        var input = new ushort[3];
        await client.ReadInputRegistersAsync(1, 7, 3, input);
        Assert.Equal([1007, 1008, 1009], input);

        var bytes = new byte[4];
        await client.ReadHoldingRegistersAsync(1, 0x0102, 2, bytes);
        Assert.Equal([0x01, 0x02, 0x01, 0x03], bytes);
        await client.ReadInputRegistersAsync(1, 0, 1, bytes.AsMemory(0, 2));
        Assert.Equal(1000, ModbusValueCodec.ReadUInt16(bytes));
    }

    [Fact]
    public async Task Writes_every_function()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();

        await client.WriteSingleCoilAsync(1, 1, true);
        Assert.True(server.Unit1.GetBit(ModbusDataTable.Coils, 1));

        await client.WriteSingleRegisterAsync(1, 500, 0xBEEF);
        Assert.Equal(0xBEEF, server.Unit1.GetRegister(ModbusDataTable.HoldingRegisters, 500));

        bool[] coils = [true, true, false, true, false, false, true, true, true, true, false];
        await client.WriteMultipleCoilsAsync(1, 100, coils);
        var readBack = new bool[coils.Length];
        await client.ReadCoilsAsync(1, 100, coils.Length, readBack);
        Assert.Equal(coils, readBack);

        var registers = Enumerable.Range(0, 123).Select(i => (ushort)(60000 + i)).ToArray();
        await client.WriteMultipleRegistersAsync(1, 800, registers);
        var words = new ushort[123];
        await client.ReadHoldingRegistersAsync(1, 800, 123, words);
        Assert.Equal(registers, words);

        var encoded = new byte[4];
        ModbusValueCodec.WriteSingle(encoded, 21.5f, ModbusWordOrder.CDAB);
        await client.WriteMultipleRegistersAsync(1, 10, encoded.AsMemory());
        var back = new byte[4];
        await client.ReadHoldingRegistersAsync(1, 10, 2, back);
        Assert.Equal(21.5f, ModbusValueCodec.ReadSingle(back, ModbusWordOrder.CDAB));

        var read = new ushort[2];
        await client.ReadWriteMultipleRegistersAsync(1, 19, 2, read, 20, new ushort[] { 7 });
        Assert.Equal([19, 7], read);
    }

    [Fact]
    public async Task Several_units_share_one_connection()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();
        var one = new ushort[2];
        var two = new ushort[2];
        for (var i = 0; i < 5; i++)
        {
            await client.ReadHoldingRegistersAsync(1, 0, 2, one);
            await client.ReadHoldingRegistersAsync(2, 0, 2, two);
        }

        Assert.Equal([0, 1], one);
        Assert.Equal([2222, 2223], two);
        Assert.Equal(1, client.Connects);
        Assert.Equal(1, server.Server.ConnectionCount);
    }

    [Fact]
    public async Task Exception_response_throws_ModbusException_and_the_connection_stays_usable()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();
        var ex = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(2, 99, 2, new ushort[2]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, ex.Function);

        var ok = new ushort[1];
        await client.ReadHoldingRegistersAsync(2, 99, 1, ok);
        Assert.Equal(1, client.Connects);
    }

    [Fact]
    public async Task A_unit_that_never_answers_times_out_and_other_units_still_answer()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client(timeout: TimeSpan.FromSeconds(5));
        client.SetTimeout(9, TimeSpan.FromMilliseconds(300));
        var values = new ushort[1];
        for (var round = 0; round < 2; round++)
        {
            var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(9, 0, 1, values));
            Assert.Contains("Unit 9 did not answer function 3 within 300 ms", ex.Message);
            await client.ReadHoldingRegistersAsync(2, 1, 1, values);
            Assert.Equal(2223, values[0]);
        }

        Assert.Equal(2, client.Timeouts);
        Assert.Equal(1, client.Connects);
    }

    [Fact]
    public async Task A_late_answer_to_a_cancelled_request_is_skipped_by_transaction_id()
    {
        await using var server = await LoopbackServer.StartAsync(responseDelay: TimeSpan.FromSeconds(1));
        await using var client = server.Client(timeout: TimeSpan.FromSeconds(5));
        using (var cancel = new CancellationTokenSource())
        {
            // Cancelled once the server has the request (a fixed 50 ms could fire before the request was even sent
            // on a loaded machine, and then there was no late answer to skip).
            var read = client.ReadHoldingRegistersAsync(1, 100, 1, new ushort[1], cancel.Token).AsTask();
            while (server.Server.Statistics.Requests == 0 && !read.IsCompleted)
            {
                await Task.Delay(5);
            }

            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        }

        var values = new ushort[1];
        await client.ReadHoldingRegistersAsync(1, 200, 1, values);
        Assert.Equal(200, values[0]);
        Assert.Equal(1, client.SkippedFrames);
        Assert.Equal(0, client.Timeouts);
    }

    [Fact]
    public async Task After_the_server_drops_the_connection_the_next_request_reconnects()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();
        var values = new ushort[1];
        await client.ReadHoldingRegistersAsync(1, 5, 1, values);
        server.Server.DropConnections();
        await WaitUntil(() => server.Server.ConnectionCount == 0);

        // The request on the dead connection fails as a transport error (never a raw SocketException)...
        await Assert.ThrowsAsync<ModbusTransportException>(async () => await client.ReadHoldingRegistersAsync(1, 6, 1, values));
        Assert.False(client.IsConnected);

        // ...and the next one reconnects.
        await client.ReadHoldingRegistersAsync(1, 7, 1, values);
        Assert.Equal(7, values[0]);
        Assert.Equal(2, client.Connects);
    }

    [Fact]
    public async Task Connection_refused_is_a_transport_error()
    {
        var port = Peers.FreePort.Get();
        await using var client = ModbusClient.CreateTcp("127.0.0.1", port);
        var ex = await Assert.ThrowsAsync<ModbusTransportException>(async () => await client.ReadCoilsAsync(1, 0, 1, new bool[1]));
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.IsType<System.Net.Sockets.SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task Concurrent_callers_are_serialised_and_each_gets_its_own_answer()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();
        var tasks = Enumerable.Range(0, 8).Select(async worker =>
        {
            var values = new ushort[4];
            for (var i = 0; i < 40; i++)
            {
                var address = (ushort)(worker * 100 + i);
                await client.ReadHoldingRegistersAsync(1, address, 4, values);
                Assert.Equal(address, values[0]);
                Assert.Equal(address + 3, values[3]);
            }
        });
        await Task.WhenAll(tasks);
        Assert.Equal(320, client.Requests);
    }

    [Fact]
    public async Task The_server_serves_many_connections_at_once()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clients = Enumerable.Range(0, 20).Select(_ => server.Client()).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(async (client, i) =>
            {
                var values = new ushort[1];
                for (var round = 0; round < 10; round++)
                {
                    await client.ReadHoldingRegistersAsync(1, (ushort)(i + round), 1, values);
                    Assert.Equal(i + round, values[0]);
                }
            }));
            Assert.Equal(20, server.Server.Statistics.Connections);
            Assert.Equal(200, server.Server.Statistics.Requests);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Arguments_outside_the_protocol_limits_are_refused_before_sending()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReadHoldingRegistersAsync(1, 0, 126, new ushort[126]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await client.ReadHoldingRegistersAsync(1, 0, 10, new ushort[5]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReadCoilsAsync(1, 0, 2001, new bool[2001]));
        Assert.Equal(0, client.Requests);
    }

    [Fact]
    public async Task Each_unit_can_have_its_own_timeout()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = server.Client(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), client.TimeoutOf(4));
        client.SetTimeout(4, TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.FromMilliseconds(150), client.TimeoutOf(4));
        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadCoilsAsync(4, 0, 1, new bool[1]));
        Assert.Contains("within 150 ms", ex.Message);
        client.SetTimeout(4, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(5), client.TimeoutOf(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.SetTimeout(4, TimeSpan.FromMilliseconds(-1)));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
