using System.Globalization;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Tests.Peers;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>Our client against Debian's python3-pymodbus 3.0 server over loopback TCP.</summary>
public sealed class PymodbusTcpTests : IClassFixture<PymodbusTcpFixture>
{
    private readonly PymodbusTcpFixture _fixture;

    public PymodbusTcpTests(PymodbusTcpFixture fixture) => _fixture = fixture;

    private int Port => _fixture.Server.Port;

    private ModbusClient Client(int milliseconds = 5000) =>
        ModbusClient.CreateTcp("127.0.0.1", Port, new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(milliseconds) });

    [Fact]
    public async Task Reads_the_known_data_map_in_every_table()
    {
        await using var client = Client();
        var registers = new byte[16];
        await client.ReadHoldingRegistersAsync(1, 0, 8, registers);
        Assert.Equal(1234, ModbusValueCodec.ReadUInt16(registers));
        Assert.Equal(21.5f, ModbusValueCodec.ReadSingle(registers.AsSpan(4), ModbusWordOrder.ABCD));
        Assert.Equal(21.5f, ModbusValueCodec.ReadSingle(registers.AsSpan(8), ModbusWordOrder.CDAB));
        Assert.Equal(-123456, ModbusValueCodec.ReadInt32(registers.AsSpan(12)));

        var input = new ushort[3];
        await client.ReadInputRegistersAsync(2, 5, 3, input);
        Assert.Equal([1005, 1006, 1007], input);

        var coils = new bool[4];
        await client.ReadCoilsAsync(1, 0, 4, coils);
        Assert.Equal([true, false, true, false], coils);

        var discrete = new bool[4];
        await client.ReadDiscreteInputsAsync(1, 0, 4, discrete);
        Assert.Equal([false, true, false, true], discrete);
    }

    [Fact]
    public async Task A_counter_register_moves_between_reads()
    {
        await using var client = Client();
        var first = new ushort[1];
        var second = new ushort[1];
        await client.ReadHoldingRegistersAsync(1, 1, 1, first);
        for (var i = 0; i < 50 && second[0] == first[0]; i++)
        {
            await Task.Delay(50);
            await client.ReadHoldingRegistersAsync(1, 1, 1, second);
        }

        Assert.NotEqual(first[0], second[0]);
    }

    [Fact]
    public async Task Addresses_beyond_the_data_and_a_hole_inside_a_block_answer_exception_2()
    {
        await using var client = Client();
        var beyond = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(1, 200, 1, new ushort[1]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, beyond.Code);

        // One block spanning the illegal address 150 fails as a whole...
        var spanning = await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadHoldingRegistersAsync(1, 148, 4, new ushort[4]));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, spanning.Code);

        // ...while its neighbours read fine on their own, on the same connection.
        var neighbours = new ushort[2];
        await client.ReadHoldingRegistersAsync(1, 148, 2, neighbours);
        Assert.Equal([148, 149], neighbours);
        await client.ReadHoldingRegistersAsync(1, 151, 2, neighbours);
        Assert.Equal([151, 152], neighbours);
        Assert.Equal(1, client.Connects);
    }

    [Fact]
    public async Task Pipelined_reads_are_answered_and_matched_with_a_hole_failing_only_its_own_read()
    {
        await using var client = ModbusClient.CreateTcp("127.0.0.1", Port, new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(5), Pipeline = 8 });
        var reads = new List<ModbusRead>();
        for (ushort a = 100; a < 149; a += 2)
        {
            reads.Add(new ModbusRead(1, ModbusDataTable.HoldingRegisters, a, 2, new byte[4]));
        }

        var hole = reads.Count;
        reads.Add(new ModbusRead(1, ModbusDataTable.HoldingRegisters, 149, 3, new byte[6])); // 150 does not exist
        for (ushort a = 170; a < 199; a += 2)
        {
            reads.Add(new ModbusRead(1, ModbusDataTable.HoldingRegisters, a, 2, new byte[4]));
        }

        reads.Add(new ModbusRead(2, ModbusDataTable.InputRegisters, 5, 3, new byte[6]));
        var failures = new ModbusFaultException?[reads.Count];

        await client.ReadManyAsync(reads.ToArray(), failures);

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, Assert.IsType<ModbusException>(failures[hole]).Code);
        for (var i = 0; i < reads.Count - 1; i++)
        {
            if (i != hole)
            {
                Assert.Null(failures[i]);
                Assert.Equal(reads[i].Address + 1, ModbusValueCodec.ReadUInt16(reads[i].Registers.Span[2..]));
            }
        }

        Assert.Equal(1007, ModbusValueCodec.ReadUInt16(reads[^1].Registers.Span[4..]));
        Assert.Equal(1, client.Connects);
        Assert.Equal(0, client.SkippedFrames);
    }

    [Fact]
    public async Task A_unit_that_never_answers_times_out_while_the_others_keep_answering()
    {
        await using var client = Client(milliseconds: 5000);
        client.SetTimeout(3, TimeSpan.FromMilliseconds(400));
        var values = new ushort[1];
        for (var round = 0; round < 2; round++)
        {
            await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await client.ReadHoldingRegistersAsync(3, 0, 1, values));
            await client.ReadHoldingRegistersAsync(1, 0, 1, values);
            Assert.Equal(1234, values[0]);
            await client.ReadHoldingRegistersAsync(2, 0, 1, values);
            Assert.Equal(1234, values[0]);
        }

        Assert.Equal(2, client.Timeouts);
    }

    [Fact]
    public async Task Writes_of_every_function_land_and_mbpoll_reads_them_back()
    {
        await using (var client = Client())
        {
            await client.WriteSingleRegisterAsync(1, 160, 4242);
            await client.WriteMultipleRegistersAsync(1, 161, new ushort[] { 11, 22, 33 });
            await client.WriteSingleCoilAsync(1, 13, true);
            await client.WriteMultipleCoilsAsync(1, 8, new[] { true, true, false, true });
            var read = new ushort[2];
            await client.ReadWriteMultipleRegistersAsync(1, 164, 2, read, 165, new ushort[] { 55 });
            Assert.Equal([164, 55], read);
        }

        var port = Port.ToString(CultureInfo.InvariantCulture);
        var (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "4", "-r", "160", "-0", "-c", "6", "-1", "127.0.0.1", "-p", port);
        Assert.True(code == 0, output);
        var values = Mbpoll.ParseValues(output);
        Assert.Equal("4242", values[160]);
        Assert.Equal("11", values[161]);
        Assert.Equal("22", values[162]);
        Assert.Equal("33", values[163]);
        Assert.Equal("55", values[165]);

        (code, output) = await Mbpoll.RunAsync("-m", "tcp", "-a", "1", "-t", "0", "-r", "8", "-0", "-c", "6", "-1", "127.0.0.1", "-p", port);
        Assert.True(code == 0, output);
        values = Mbpoll.ParseValues(output);
        Assert.Equal("1", values[13]);
        Assert.Equal(["1", "1", "0", "1"], new[] { values[8], values[9], values[10], values[11] });
    }

    [Fact]
    public async Task A_server_dropping_the_connection_mid_request_is_a_transport_error_and_the_next_request_reconnects()
    {
        await using var proxy = new DroppingProxy(Port, triggerAddress: 77);
        await using var client = ModbusClient.CreateTcp("127.0.0.1", proxy.Port, new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(3) });
        var values = new ushort[1];
        await client.ReadHoldingRegistersAsync(1, 0, 1, values);
        Assert.Equal(1234, values[0]);

        await Assert.ThrowsAsync<ModbusTransportException>(async () => await client.ReadHoldingRegistersAsync(1, 77, 1, values));
        Assert.Equal(1, proxy.Drops);

        await client.ReadHoldingRegistersAsync(1, 12, 1, values);
        Assert.Equal(12, values[0]);
        Assert.Equal(2, client.Connects);
        Assert.Equal(0, client.Timeouts);
    }
}
