using System.Globalization;
using System.Net.Http;
using System.Text;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>A scenario of the end-to-end benchmark: N devices × M points polled every interval.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Devices">Devices (each its own TCP connection to the same server).</param>
/// <param name="Points">uint32 points per device (2 registers each, contiguous).</param>
/// <param name="Poll">Poll interval.</param>
public sealed record E2eScenario(string Name, int Devices, int Points, TimeSpan Poll)
{
    /// <summary>Every device's <c>pollOffset</c>: <c>auto</c> (spread, the default) or a duration (e.g. 0ms: all in step).</summary>
    public string PollOffset { get; init; } = "auto";

    /// <summary>Points per second the configuration asks for.</summary>
    public double PointsPerSecond => Devices * Points / Poll.TotalSeconds;

    /// <summary>One line for the table.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Devices} devices × {Points} points every {Poll.TotalMilliseconds:0} ms ({PointsPerSecond:N0} points/s)")
        + (PollOffset == "auto" ? string.Empty : $", pollOffset {PollOffset}");
}

/// <summary>
/// Everything one whole-process benchmark needs: a Modbus TCP server whose registers hold its clock (ours in this
/// process, or pymodbus as a child), a mosquitto, the gateway as a child process (<c>edgetwin run</c> with a generated
/// configuration, so its own CPU and memory come from /proc), and a subscriber.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _httpPort;

    private GatewayUnderTest(string directory) => Directory = directory;

    /// <summary>The temporary folder (configuration, database).</summary>
    public string Directory { get; }

    /// <summary>The gateway process.</summary>
    public BenchChild Daemon { get; private set; } = null!;

    /// <summary>The subscriber on the telemetry topics.</summary>
    public BenchSubscriber Subscriber { get; private set; } = null!;

    /// <summary>Which Modbus server serves the points.</summary>
    public string ServerName { get; private set; } = "";

    /// <summary>
    /// Starts server, broker, subscriber and gateway for <paramref name="scenario"/>. <paramref name="server"/> is
    /// "ours" or "pymodbus" (tests/bench/modbus_time_server.py, found from the working directory upwards).
    /// </summary>
    public static async Task<GatewayUnderTest> StartAsync(E2eScenario scenario, string server, CancellationToken cancellationToken)
    {
        var run = new GatewayUnderTest(System.IO.Directory.CreateTempSubdirectory("edgetwin-bench-e2e-").FullName);
        try
        {
            var registers = scenario.Points * 2;
            int modbusPort;
            if (server == "ours")
            {
                var memory = new ModbusUnitMemory(coils: 1, discreteInputs: 1, holdingRegisters: Math.Max(registers, 2), inputRegisters: 1);
                var store = new ModbusMemoryStore();
                store.AnswerAllUnits(memory);
                var modbus = new ModbusTcpServer(store, new ModbusTcpServerOptions { MaxConnections = scenario.Devices + 16 });
                await modbus.StartAsync(cancellationToken).ConfigureAwait(false);
                run._owned.Add(modbus);
                modbusPort = modbus.Port;
                _ = Task.Run(() => TickAsync(memory, registers, scenario.Poll, run._stop.Token), CancellationToken.None);
                run.ServerName = "EdgeTwin Modbus server (in the bench process)";
            }
            else if (server == "pymodbus")
            {
                var script = FindScript("tests/bench/modbus_time_server.py");
                modbusPort = BenchPorts.Free();
                var python = BenchChild.Start("pymodbus", "/usr/bin/python3", [script, modbusPort.ToString(CultureInfo.InvariantCulture), registers.ToString(CultureInfo.InvariantCulture), ((int)scenario.Poll.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
                run._owned.Add(python);
                await BenchPorts.WaitListeningAsync(modbusPort, TimeSpan.FromSeconds(15), () => python.Output, cancellationToken).ConfigureAwait(false);
                run.ServerName = "pymodbus 3 (python3, a child process)";
            }
            else
            {
                throw new ArgumentException($"--server: '{server}' is not 'ours' or 'pymodbus'");
            }

            var broker = await BenchBroker.StartAsync(cancellationToken).ConfigureAwait(false);
            run._owned.Add(broker);
            run.Subscriber = await BenchSubscriber.StartAsync(broker.Port, "edgetwin/bench/bench/telemetry/#", measureLatency: true, cancellationToken).ConfigureAwait(false);
            run._owned.Add(run.Subscriber);

            run._httpPort = BenchPorts.Free();
            var config = Path.Combine(run.Directory, "bench.yaml");
            await File.WriteAllTextAsync(config, Config(scenario, modbusPort, broker.Port, run._httpPort, run.Directory), cancellationToken).ConfigureAwait(false);
            run.Daemon = BenchChild.StartGateway(config, run.Directory);
            run._owned.Add(run.Daemon);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The gateway's configuration for <paramref name="scenario"/>.</summary>
    public static string Config(E2eScenario scenario, int modbusPort, int mqttPort, int httpPort, string directory)
    {
        var c = CultureInfo.InvariantCulture;
        var yaml = new StringBuilder();
        yaml.AppendLine("gateway: { id: bench, site: bench }");
        yaml.AppendLine(c, $"storage: {{ path: {Path.Combine(directory, "edgetwin.db")}, maxSizeMb: 1024 }}");
        yaml.AppendLine(c, $"mqtt: {{ url: mqtt://127.0.0.1:{mqttPort}, topicRoot: edgetwin/bench, clientId: edgetwin-bench-{mqttPort} }}");
        yaml.AppendLine(c, $"http: {{ listen: 127.0.0.1:{httpPort} }}");
        yaml.AppendLine("devices:");
        for (var d = 0; d < scenario.Devices; d++)
        {
            yaml.AppendLine(c, $"  - id: d{d:D3}");
            yaml.AppendLine(c, $"    modbus: {{ host: 127.0.0.1, port: {modbusPort}, unit: 1 }}");
            yaml.AppendLine(c, $"    poll: {(int)scenario.Poll.TotalMilliseconds}ms");
            if (scenario.PollOffset != "auto")
            {
                yaml.AppendLine(c, $"    pollOffset: {scenario.PollOffset}");
            }

            yaml.AppendLine("    timeout: 2s");
            yaml.AppendLine("    points:");
            for (var p = 0; p < scenario.Points; p++)
            {
                yaml.AppendLine(c, $"      - {{ id: p{p:D4}, table: holding, address: {p * 2}, type: uint32 }}");
            }
        }

        return yaml.ToString();
    }

    /// <summary>Waits for the first telemetry message; throws with the gateway's output when it exits or takes too long.</summary>
    public async Task WaitForTelemetryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Subscriber.FirstMessage == 0)
        {
            if (Daemon.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited before publishing; its output: {Daemon.Output}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no telemetry within {timeout.TotalSeconds:0} s; the gateway's output: {Daemon.Output}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The gateway's bytes allocated since it started (its /metrics), or NaN when unavailable.</summary>
    public async Task<double> AllocatedBytesAsync(CancellationToken cancellationToken) =>
        (await MetricsAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault("dotnet_gc_allocated_bytes_total", double.NaN);

    /// <summary>
    /// The gateway's /metrics as sample name (with its labels, as written) to value; empty when unavailable.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> MetricsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{_httpPort}/metrics"), cancellationToken).ConfigureAwait(false);
            return ParseMetrics(text);
        }
        catch (HttpRequestException)
        {
            return new Dictionary<string, double>();
        }
    }

    /// <summary>Sample lines of the Prometheus text format as name (with labels) to value; comments and bad lines are skipped.</summary>
    public static IReadOnlyDictionary<string, double> ParseMetrics(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space <= 0)
            {
                continue;
            }

            if (double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..space]] = value;
            }
        }

        return values;
    }

    /// <summary>Throws with its output when the gateway is no longer running.</summary>
    public void EnsureRunning()
    {
        if (Daemon.HasExited)
        {
            throw new InvalidOperationException($"the gateway exited during the run; its output: {Daemon.Output}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (Daemon is not null)
        {
            await Daemon.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        _stop.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Finds <paramref name="relative"/> from the working directory or this executable's folder upwards.</summary>
    public static string FindScript(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{relative} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run the bench from the repository");
    }

    private static async Task TickAsync(ModbusUnitMemory memory, int registers, TimeSpan interval, CancellationToken cancellationToken)
    {
        var words = new ushort[registers];
        using var timer = new PeriodicTimer(interval);
        do
        {
            var ms = (uint)((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() & 0xFFFF_FFFF);
            for (var i = 0; i + 1 < registers; i += 2)
            {
                words[i] = (ushort)(ms >> 16);
                words[i + 1] = (ushort)ms;
            }

            memory.SetRegisters(ModbusDataTable.HoldingRegisters, 0, words);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
