using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Client;

/// <summary><see cref="ModbusClient.ReadManyAsync"/>: several transactions outstanding, answers matched by transaction id.</summary>
public sealed class PipelinedReadTests
{
    // Where every read is answered, a timeout far above the answer time: on a loaded machine the peer's accept and
    // answer continuations can wait over a second for a pool thread (the 1 s default failed a CI run once).
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_every_table_with_several_requests_outstanding_on_one_connection()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = ModbusClient.CreateTcp("127.0.0.1", server.Server.Port, new ModbusClientOptions { Pipeline = 4, Timeout = Answered });
        var reads = new ModbusRead[40];
        for (var i = 0; i < 36; i++)
        {
            reads[i] = new ModbusRead(1, ModbusDataTable.HoldingRegisters, (ushort)(i * 25), 25, new byte[50]);
        }

        reads[36] = new ModbusRead(1, ModbusDataTable.InputRegisters, 7, 3, new byte[6]);
        reads[37] = new ModbusRead(2, ModbusDataTable.HoldingRegisters, 0, 2, new byte[4]);
        reads[38] = new ModbusRead(1, ModbusDataTable.Coils, 1, 10, new bool[10]);
        reads[39] = new ModbusRead(1, ModbusDataTable.DiscreteInputs, 0, 2000, new bool[2000]);
        var failures = new ModbusFaultException?[reads.Length];

        await client.ReadManyAsync(reads, failures);

        Assert.All(failures, Assert.Null);
        for (var i = 0; i < 36; i++)
        {
            Assert.Equal(i * 25 + 24, ModbusValueCodec.ReadUInt16(reads[i].Registers.Span[48..]));
        }

        Assert.Equal(1008, ModbusValueCodec.ReadUInt16(reads[36].Registers.Span[2..]));
        Assert.Equal(2223, ModbusValueCodec.ReadUInt16(reads[37].Registers.Span[2..]));
        Assert.Equal(Enumerable.Range(1, 10).Select(a => a % 2 == 0), reads[38].Bits.ToArray());
        Assert.Equal(Enumerable.Range(0, 2000).Select(a => a % 3 == 0), reads[39].Bits.ToArray());
        Assert.Equal(40, client.Requests);
        Assert.Equal(1, client.Connects);
        Assert.Equal(0, client.SkippedFrames);
    }

    [Fact]
    public async Task An_exception_answer_fails_only_its_own_read()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var client = ModbusClient.CreateTcp("127.0.0.1", server.Server.Port, new ModbusClientOptions { Pipeline = 8, Timeout = Answered });
        ModbusRead[] reads =
        [
            new(1, ModbusDataTable.HoldingRegisters, 10, 2, new byte[4]),
            new(1, ModbusDataTable.HoldingRegisters, 990, 20, new byte[40]), // beyond the 1000 registers of unit 1
            new(1, ModbusDataTable.HoldingRegisters, 20, 2, new byte[4]),
        ];
        var failures = new ModbusFaultException?[3];

        await client.ReadManyAsync(reads, failures);

        Assert.Null(failures[0]);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, Assert.IsType<ModbusException>(failures[1]).Code);
        Assert.Null(failures[2]);
        Assert.Equal(21, ModbusValueCodec.ReadUInt16(reads[2].Registers.Span[2..]));
    }

    [Fact]
    public async Task The_timeout_restarts_with_every_answer_so_a_slow_but_steady_device_is_not_timed_out()
    {
        // Generous: a stall of almost 2 s between two answers (a loaded machine) must not fail the test.
        await using var server = await LoopbackServer.StartAsync(responseDelay: TimeSpan.FromMilliseconds(100));
        await using var client = ModbusClient.CreateTcp("127.0.0.1", server.Server.Port, new ModbusClientOptions { Pipeline = 8, Timeout = TimeSpan.FromSeconds(2) });
        var reads = Enumerable.Range(0, 25).Select(i => new ModbusRead(1, ModbusDataTable.HoldingRegisters, (ushort)i, 1, new byte[2])).ToArray();
        var failures = new ModbusFaultException?[reads.Length];
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await client.ReadManyAsync(reads, failures);

        // 25 answers at least 100 ms apart: the batch outlived one timeout period, yet no read timed out.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"{clock.Elapsed}");
        Assert.All(failures, Assert.Null);
        Assert.Equal(24, ModbusValueCodec.ReadUInt16(reads[24].Registers.Span));
    }

    [Fact]
    public async Task Answers_out_of_order_are_matched_by_id_and_unknown_or_repeated_ids_are_skipped()
    {
        await using var peer = await ScriptedPeer.StartAsync(async connection =>
        {
            var requests = await connection.ReadRequestsAsync(3);
            await connection.AnswerAsync(requests[2]);
            await connection.AnswerAsync(requests[0] with { TransactionId = (ushort)(requests[0].TransactionId + 100) }); // an id never sent
            await connection.AnswerAsync(requests[0]);
            await connection.AnswerAsync(requests[0]); // the same id again
            await connection.AnswerAsync(requests[1]);
            await connection.WaitClosedAsync();
        });
        await using var client = ModbusClient.CreateTcp("127.0.0.1", peer.Port, new ModbusClientOptions { Pipeline = 4, Timeout = Answered });
        ModbusRead[] reads =
        [
            new(1, ModbusDataTable.HoldingRegisters, 100, 1, new byte[2]),
            new(1, ModbusDataTable.HoldingRegisters, 200, 1, new byte[2]),
            new(1, ModbusDataTable.HoldingRegisters, 300, 1, new byte[2]),
        ];
        var failures = new ModbusFaultException?[3];

        await client.ReadManyAsync(reads, failures);

        Assert.All(failures, Assert.Null);
        Assert.Equal([100, 200, 300], reads.Select(r => (int)ModbusValueCodec.ReadUInt16(r.Registers.Span)));
        Assert.Equal(2, client.SkippedFrames);
    }

    [Fact]
    public async Task Reads_still_unanswered_when_the_device_falls_silent_time_out_together()
    {
        await using var peer = await ScriptedPeer.StartAsync(async connection =>
        {
            var requests = await connection.ReadRequestsAsync(3);
            await connection.AnswerAsync(requests[0]);
            await connection.WaitClosedAsync();
        });
        await using var client = ModbusClient.CreateTcp("127.0.0.1", peer.Port, new ModbusClientOptions { Pipeline = 4, Timeout = TimeSpan.FromMilliseconds(1500) });
        ModbusRead[] reads =
        [
            new(1, ModbusDataTable.HoldingRegisters, 100, 1, new byte[2]),
            new(1, ModbusDataTable.HoldingRegisters, 200, 1, new byte[2]),
            new(1, ModbusDataTable.InputRegisters, 300, 1, new byte[2]),
        ];
        var failures = new ModbusFaultException?[3];

        await client.ReadManyAsync(reads, failures);

        Assert.Null(failures[0]);
        Assert.Equal(100, ModbusValueCodec.ReadUInt16(reads[0].Registers.Span));
        Assert.Contains("Unit 1 did not answer function 3 within 1500 ms", Assert.IsType<ModbusTimeoutException>(failures[1]).Message);
        Assert.Contains("function 4", Assert.IsType<ModbusTimeoutException>(failures[2]).Message);
        Assert.Contains("2 of 3 pipelined reads unanswered", failures[2]!.Message);
        Assert.Equal(2, client.Timeouts);
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_unanswered_reads_and_the_next_batch_reconnects()
    {
        await using var peer = await ScriptedPeer.StartAsync(
            async connection =>
            {
                var requests = await connection.ReadRequestsAsync(2);
                await connection.AnswerAsync(requests[0]);
            },
            async connection =>
            {
                foreach (var request in await connection.ReadRequestsAsync(2))
                {
                    await connection.AnswerAsync(request);
                }

                await connection.WaitClosedAsync();
            });
        await using var client = ModbusClient.CreateTcp("127.0.0.1", peer.Port, new ModbusClientOptions { Pipeline = 2, Timeout = Answered });
        ModbusRead[] reads =
        [
            new(1, ModbusDataTable.HoldingRegisters, 100, 1, new byte[2]),
            new(1, ModbusDataTable.HoldingRegisters, 200, 1, new byte[2]),
        ];
        var failures = new ModbusFaultException?[2];

        await client.ReadManyAsync(reads, failures);
        Assert.Null(failures[0]);
        Assert.Contains("closed the connection", Assert.IsType<ModbusTransportException>(failures[1]).Message);

        await client.ReadManyAsync(reads, failures);
        Assert.All(failures, Assert.Null);
        Assert.Equal(200, ModbusValueCodec.ReadUInt16(reads[1].Registers.Span));
        Assert.Equal(2, client.Connects);
    }

    [Fact]
    public async Task Pipelining_is_refused_for_RTU_framing_and_out_of_range_depths()
    {
        Assert.Throws<ArgumentException>(() => ModbusClient.CreateRtuOverTcp("127.0.0.1", 502, new ModbusClientOptions { Pipeline = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusClient.CreateTcp("127.0.0.1", 502, new ModbusClientOptions { Pipeline = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusClient.CreateTcp("127.0.0.1", 502, new ModbusClientOptions { Pipeline = ModbusClientOptions.MaxPipeline + 1 }));
        await using var rtu = ModbusClient.CreateRtuOverTcp("127.0.0.1", 502);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await rtu.ReadManyAsync(new ModbusRead[1], new ModbusFaultException?[1]));
        Assert.Contains("transaction id", error.Message);
        await using var tcp = ModbusClient.CreateTcp("127.0.0.1", 502);
        await Assert.ThrowsAsync<ArgumentException>(async () => await tcp.ReadManyAsync(new ModbusRead[2], new ModbusFaultException?[1]));
        await tcp.ReadManyAsync(Array.Empty<ModbusRead>(), Array.Empty<ModbusFaultException?>());
        Assert.Equal(0, tcp.Connects); // nothing to read: no connection
    }

    /// <summary>A raw TCP peer that plays one script per accepted connection, answering reads with each register's address.</summary>
    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _run;

        private ScriptedPeer(TcpListener listener, Func<ScriptedConnection, Task>[] scripts)
        {
            _listener = listener;
            _run = RunAsync(scripts);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Task<ScriptedPeer> StartAsync(params Func<ScriptedConnection, Task>[] scripts)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new ScriptedPeer(listener, scripts));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _run.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        private async Task RunAsync(Func<ScriptedConnection, Task>[] scripts)
        {
            foreach (var script in scripts)
            {
                using var socket = await _listener.AcceptSocketAsync();
                await script(new ScriptedConnection(socket));
            }
        }
    }

    private sealed record Request(ushort TransactionId, byte Unit, byte Function, ushort Address, ushort Count);

    private sealed class ScriptedConnection(Socket socket)
    {
        public async Task<Request[]> ReadRequestsAsync(int count)
        {
            var buffer = new byte[12 * count];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read));
                Assert.True(n > 0, "the client closed the connection");
                read += n;
            }

            return Enumerable.Range(0, count).Select(i =>
            {
                var adu = buffer.AsSpan(i * 12, 12);
                return new Request(BinaryPrimitives.ReadUInt16BigEndian(adu), adu[6], adu[7], BinaryPrimitives.ReadUInt16BigEndian(adu[8..]), BinaryPrimitives.ReadUInt16BigEndian(adu[10..]));
            }).ToArray();
        }

        public async Task AnswerAsync(Request request)
        {
            var answer = new byte[9 + request.Count * 2];
            BinaryPrimitives.WriteUInt16BigEndian(answer, request.TransactionId);
            BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(4), (ushort)(3 + request.Count * 2));
            answer[6] = request.Unit;
            answer[7] = request.Function;
            answer[8] = (byte)(request.Count * 2);
            for (var r = 0; r < request.Count; r++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(9 + r * 2), (ushort)(request.Address + r));
            }

            await socket.SendAsync(answer);
        }

        public async Task WaitClosedAsync()
        {
            var buffer = new byte[256];
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
    }
}
