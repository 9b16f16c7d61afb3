using System.Diagnostics;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Modbus.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Settings of <see cref="ModbusPollBenchmark"/>.</summary>
public sealed record ModbusPollBenchmarkOptions
{
    /// <summary>float32 holding-register points polled (2 registers each, contiguous, scaled).</summary>
    public int Points { get; init; } = 10_000;

    /// <summary>Measured cycles (after warm-up).</summary>
    public int Cycles { get; init; } = 200;

    /// <summary>Cycles run before measuring.</summary>
    public int WarmupCycles { get; init; } = 20;

    /// <summary>An external Modbus TCP server (e.g. the simulator in another process, so its CPU is not counted); null starts one in-process.</summary>
    public string? Host { get; init; }

    /// <summary>Port of the external server.</summary>
    public int Port { get; init; } = 502;

    /// <summary>Read requests outstanding on the connection (the device's <c>pipeline</c> setting).</summary>
    public int Pipeline { get; init; } = 1;
}

/// <summary>Figures of one benchmark run.</summary>
/// <param name="Points">Points per cycle.</param>
/// <param name="Pipeline">Read requests outstanding on the connection.</param>
/// <param name="ReadsPerCycle">Read requests per cycle after planning.</param>
/// <param name="Cycles">Cycles measured.</param>
/// <param name="WallPerCycle">Elapsed time per cycle.</param>
/// <param name="CpuPerCycle">Process CPU time per cycle (includes the server when it runs in-process).</param>
/// <param name="AllocatedBytesPerCycle">Bytes allocated per cycle, whole process.</param>
/// <param name="SamplesPerSecond">Decoded samples per second.</param>
/// <param name="ServerInProcess">True when the CPU and allocation figures include our in-process server.</param>
public sealed record ModbusPollBenchmarkReport(int Points, int Pipeline, int ReadsPerCycle, int Cycles, TimeSpan WallPerCycle, TimeSpan CpuPerCycle, double AllocatedBytesPerCycle, double SamplesPerSecond, bool ServerInProcess)
{
    /// <summary>One line for the console.</summary>
    public override string ToString() =>
        $"points={Points} pipeline={Pipeline} reads/cycle={ReadsPerCycle} cycles={Cycles} wall/cycle={WallPerCycle.TotalMilliseconds:F2} ms " +
        $"cpu/cycle={CpuPerCycle.TotalMilliseconds:F2} ms alloc/cycle={AllocatedBytesPerCycle:F0} B samples/s={SamplesPerSecond:F0}" +
        (ServerInProcess ? " (cpu and alloc include the in-process server)" : string.Empty);
}

/// <summary>
/// Measures the Modbus poll path as the gateway runs it (planner, client, decoding into pooled batches) against a fast
/// local server: for the `edgetwin bench` command, not for unit tests.
/// </summary>
public static class ModbusPollBenchmark
{
    /// <summary>Runs the benchmark.</summary>
    public static async Task<ModbusPollBenchmarkReport> RunAsync(ModbusPollBenchmarkOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ModbusPollBenchmarkOptions();
        if (options.Points is < 1 or > 32_768 || options.Cycles < 1 || options.WarmupCycles < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Points must be 1..32768 and cycles positive.");
        }

        ModbusTcpServer? server = null;
        var host = options.Host;
        var port = options.Port;
        if (host is null)
        {
            var store = new ModbusMemoryStore();
            store.AddUnit(1);
            server = new ModbusTcpServer(store);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            host = "127.0.0.1";
            port = server.Port;
        }

        try
        {
            var points = Enumerable.Range(0, options.Points)
                .Select(i => new PointConfig { Id = $"p{i}", Type = PointType.Float32, Scale = 0.5, Offset = 1, Modbus = new ModbusPointConfig(ModbusTable.Holding, (ushort)(i * 2)) })
                .ToArray();
            var device = new DeviceConfig
            {
                Id = "bench",
                Poll = TimeSpan.FromMilliseconds(1),
                Timeout = TimeSpan.FromSeconds(5),
                Modbus = new ModbusDeviceConfig { Host = host, Port = port, Unit = 1, Pipeline = options.Pipeline },
                Points = points,
            };
            var registry = new ModbusBusRegistry();
            await using var source = ModbusSourceFactory.Create(0, device, new PointTable([device]), NullLoggerFactory.Instance, TimeProvider.System, registry);
            var sink = new CountingSink();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = source.RunAsync(sink, stop.Token);

            await sink.WaitForAsync(options.WarmupCycles, cancellationToken).ConfigureAwait(false);
            var firstCycle = sink.Cycles;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await sink.WaitForAsync(firstCycle + options.Cycles, cancellationToken).ConfigureAwait(false);
            var cycles = sink.Cycles - firstCycle;
            var elapsed = clock.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);

            return new ModbusPollBenchmarkReport(
                options.Points,
                options.Pipeline,
                source.PlannedReads,
                cycles,
                elapsed / cycles,
                cpuUsed / cycles,
                bytes / (double)cycles,
                cycles * (double)options.Points / elapsed.TotalSeconds,
                server is not null);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class CountingSink : ISampleSink
    {
        private int _cycles;
        private TaskCompletionSource? _waiter;
        private int _target;

        public int Cycles => Volatile.Read(ref _cycles);

        public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default)
        {
            batch.Return();
            var cycles = Interlocked.Increment(ref _cycles);
            if (cycles >= Volatile.Read(ref _target))
            {
                Volatile.Read(ref _waiter)?.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(int cycles, CancellationToken cancellationToken)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, cycles);
            Volatile.Write(ref _waiter, waiter);
            if (Cycles >= cycles)
            {
                return;
            }

            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
