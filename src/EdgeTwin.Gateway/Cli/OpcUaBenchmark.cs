using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin bench opcua [--items 10000] [--interval 100ms] [--seconds 30] [--json FILE] [--server node-opcua|ours [--max-per-publish M]] [--endpoint URL]</c>:
/// the whole gateway path for OPC UA (subscription, pipeline, twin, LiteDB outbox) under N monitored items that all
/// change every interval. The gateway runs as a child process (<c>edgetwin run</c> with a generated configuration, no
/// MQTT uplink) so that its CPU time (utime + stime from /proc) and resident memory are its own; received and
/// committed samples and allocations come from its <c>/metrics</c>. Without <c>--endpoint</c> a peer is started on a
/// free loopback port: the node-opcua peer <c>tests/peers/opcua_bench_server.js</c> of the repository (an independent
/// implementation), or with <c>--server ours</c> the bench server of this program (<c>bench opcua-server</c>, see
/// <see cref="Bench.OpcUaPeer.BenchUaServer"/>), which is fast enough to offer the full rate on a small machine.
/// </summary>
public static class OpcUaBenchmark
{
    /// <summary>Target: the gateway uses less than this many cores.</summary>
    public const double CpuTargetCores = 1.0;

    /// <summary>Target: the gateway's resident memory stays below this (MB).</summary>
    public const double RssTargetMegabytes = 150;

    /// <summary>Share of the expected notifications that must arrive for the figures to count as full load.</summary>
    public const double DeliveryTarget = 0.95;

    /// <summary>Exit code when the run worked but a target was missed.</summary>
    public const int TargetMissedExit = 3;

    /// <summary>Creates <c>bench opcua</c>.</summary>
    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "Monitored items (server variables changing every interval)", DefaultValueFactory = _ => 10_000 };
        var interval = new Option<string>("--interval") { Description = "Change, sampling and publishing interval", DefaultValueFactory = _ => "100ms" };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds (after the warm-up)", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of full load before measuring", DefaultValueFactory = _ => 10 };
        var json = new Option<string?>("--json") { Description = "Write the figures to this JSON file" };
        var endpoint = new Option<string?>("--endpoint") { Description = "An OPC UA server offering ns=1;s=Bench.0 .. Bench.N-1 (default: start the peer --server names)" };
        var server = new Option<string>("--server") { Description = "The peer to start: node-opcua (tests/peers/opcua_bench_server.js) or ours (edgetwin bench opcua-server)", DefaultValueFactory = _ => OpcUaBenchmarkOptions.NodeOpcUa };
        server.AcceptOnlyFromAmong(OpcUaBenchmarkOptions.NodeOpcUa, OpcUaBenchmarkOptions.Ours);
        var maxPerPublish = new Option<int>("--max-per-publish") { Description = "With --server ours: most notifications in a Publish response (0: as many as the gateway takes; node-opcua sends 1000)" };
        var values = new Option<string>("--values") { Description = "With --server ours: counter (every value is the tick count) or noisy (plus a fraction in thousandths per item and tick, like sensor data)", DefaultValueFactory = _ => OpcUaBenchmarkOptions.Counter };
        values.AcceptOnlyFromAmong(OpcUaBenchmarkOptions.Counter, OpcUaBenchmarkOptions.Noisy);
        var command = new Command("opcua", "OPC UA subscription load through the whole gateway: notifications/s, committed samples/s, CPU, RSS, allocations") { items, interval, seconds, warmup, json, server, maxPerPublish, values, endpoint };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(interval);
            if (!Durations.TryParse(text, out var every) || every < TimeSpan.FromMilliseconds(1))
            {
                Console.Error.WriteLine($"--interval: '{text}' is not a duration of at least 1ms (e.g. 100ms)");
                return GatewayCommands.ConfigErrorExit;
            }

            var options = new OpcUaBenchmarkOptions
            {
                Items = parse.GetValue(items),
                Interval = every,
                Seconds = parse.GetValue(seconds),
                WarmupSeconds = parse.GetValue(warmup),
                Endpoint = parse.GetValue(endpoint),
                Server = parse.GetValue(server)!,
                MaxPerPublish = parse.GetValue(maxPerPublish),
                Values = parse.GetValue(values)!,
            };
            if (options.Validate() is { } invalid)
            {
                Console.Error.WriteLine(invalid);
                return GatewayCommands.ConfigErrorExit;
            }

            OpcUaBenchmarkReport report;
            try
            {
                report = await RunAsync(options, Console.Out, ct).ConfigureAwait(false);
            }
            catch (BenchmarkFailedException ex)
            {
                Console.Error.WriteLine($"bench opcua failed: {ex.Message}");
                return 1;
            }

            Console.Write(report.Table());
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Bench.BenchJson.Reports.OpcUaBenchmarkReport), ct).ConfigureAwait(false);
            }

            return report.TargetsMet ? 0 : TargetMissedExit;
        });
        return command;
    }

    /// <summary>
    /// Runs the benchmark: starts the peer (unless an endpoint is given) and the gateway, waits until notifications
    /// flow, warms up, measures. Progress goes to <paramref name="progress"/>. Throws
    /// <see cref="BenchmarkFailedException"/> saying why when something cannot be started or stops.
    /// </summary>
    public static async Task<OpcUaBenchmarkReport> RunAsync(OpcUaBenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var work = Path.Combine(Path.GetTempPath(), "edgetwin-bench-opcua-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        ChildProcess? server = null;
        ChildProcess? gateway = null;
        try
        {
            var endpoint = options.Endpoint;
            if (endpoint is null)
            {
                server = options.Server == OpcUaBenchmarkOptions.Ours
                    ? await StartOwnServerAsync(options, work, progress, cancellationToken).ConfigureAwait(false)
                    : await StartServerAsync(options, work, progress, cancellationToken).ConfigureAwait(false);
                endpoint = server.Endpoint!;
            }

            var httpPort = FreeLoopbackPort();
            var config = Path.Combine(work, "gateway.yaml");
            await File.WriteAllTextAsync(config, GatewayConfig(options, endpoint, httpPort, Path.Combine(work, "data", "edgetwin.db")), cancellationToken).ConfigureAwait(false);
            var (file, prefix) = Bench.BenchChild.Self();
            progress.WriteLine($"gateway: {file} {string.Join(' ', prefix)} run --config {config}");
            gateway = ChildProcess.Start("gateway", file, [.. prefix, "run", "--config", config], work, Hosting.RuntimeEnvironment.Variables);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) };

            // Up, then items created and notifications flowing, then a warm-up at full load.
            var started = Stopwatch.StartNew();
            var metrics = await WaitAsync(gateway, server, "the gateway to answer on /metrics", TimeSpan.FromSeconds(90),
                async () => await ScrapeAsync(http, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            progress.WriteLine($"gateway up after {started.Elapsed.TotalSeconds:0.0} s; waiting for notifications of {options.Items} items");
            metrics = await WaitAsync(gateway, server, "the first notifications (samples counted by the OPC UA device)", TimeSpan.FromSeconds(180),
                async () => await ScrapeAsync(http, cancellationToken).ConfigureAwait(false) is { SamplesReceived: > 0 } m ? m : null, cancellationToken).ConfigureAwait(false);
            progress.WriteLine($"notifications flowing after {started.Elapsed.TotalSeconds:0.0} s; warming up {options.WarmupSeconds} s");
            await WatchAsync(gateway, server, TimeSpan.FromSeconds(options.WarmupSeconds), null, cancellationToken).ConfigureAwait(false);

            var before = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false)
                ?? throw new BenchmarkFailedException($"the gateway stopped answering on /metrics.{gateway.Tail()}");
            var cpuBefore = gateway.CpuTime();
            var serverCpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
            var sentBefore = server?.LastStats;
            var loadBefore = LoadAverage();
            var clock = Stopwatch.StartNew();
            progress.WriteLine($"measuring {options.Seconds} s");
            long peakRss = 0;
            await WatchAsync(gateway, server, TimeSpan.FromSeconds(options.Seconds), () => peakRss = Math.Max(peakRss, gateway.Rss()), cancellationToken).ConfigureAwait(false);
            var cpuAfter = gateway.CpuTime();
            var serverCpuAfter = server?.CpuTime() ?? TimeSpan.Zero;
            var sentAfter = server?.LastStats;
            var rss = gateway.Rss();
            var after = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false)
                ?? throw new BenchmarkFailedException($"the gateway stopped answering on /metrics.{gateway.Tail()}");
            var elapsed = clock.Elapsed.TotalSeconds;
            peakRss = Math.Max(peakRss, rss);

            var report = new OpcUaBenchmarkReport(
                Environment.ProcessorCount,
                options.Items,
                options.Interval.TotalMilliseconds,
                elapsed,
                options.Items / options.Interval.TotalSeconds,
                (after.SamplesReceived - before.SamplesReceived) / elapsed,
                sentBefore is { } s0 && sentAfter is { } s1 ? Bench.OpcUaPeer.BenchUaServerCommand.SentPerSecond(s0, s1) : null,
                (after.SamplesCommitted - before.SamplesCommitted) / elapsed,
                (cpuAfter - cpuBefore).TotalSeconds / elapsed,
                rss / 1048576.0,
                peakRss / 1048576.0,
                (after.AllocatedBytes - before.AllocatedBytes) / elapsed,
                after.Errors - before.Errors,
                after.Reconnects - before.Reconnects,
                server is null ? null : (serverCpuAfter - serverCpuBefore).TotalSeconds / elapsed,
                loadBefore,
                LoadAverage(),
                endpoint,
                options.Endpoint is null ? options.Server : "external",
                options.MaxPerPublish,
                options.Values);
            await gateway.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            return report;
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A child may still hold a file for a moment; the folder is in the temp directory.
            }
        }
    }

    /// <summary>
    /// The generated gateway configuration: one OPC UA device with every item subscribed, no uplink. Items ask for
    /// sampling interval 0 (report every change): the peer changes each variable once per interval, and node-opcua
    /// serves such items without a sampling timer each.
    /// </summary>
    internal static string GatewayConfig(OpcUaBenchmarkOptions options, string endpoint, int httpPort, string database)
    {
        var c = CultureInfo.InvariantCulture;
        var interval = $"{options.Interval.TotalMilliseconds.ToString(c)}ms";
        var s = new StringBuilder();
        s.AppendLine("gateway: { id: bench-opcua }");
        s.AppendLine(c, $"storage: {{ path: \"{database}\" }}");
        s.AppendLine(c, $"http: {{ listen: \"127.0.0.1:{httpPort}\" }}");
        s.AppendLine("devices:");
        s.AppendLine("  - id: bench");
        s.AppendLine(c, $"    opcua: {{ endpoint: \"{endpoint}\", publishingInterval: {interval} }}");
        s.AppendLine("    points:");
        for (var i = 0; i < options.Items; i++)
        {
            s.AppendLine(c, $"      - {{ id: v{i}, nodeId: \"ns=1;s=Bench.{i}\", samplingInterval: 0ms }}");
        }

        // One asset over the first points, so the twin computes asset state as it does in production.
        var properties = Math.Min(10, options.Items);
        s.AppendLine("assets:");
        s.AppendLine("  - id: bench-asset");
        s.AppendLine("    type: bench");
        s.AppendLine("    properties:");
        for (var i = 0; i < properties; i++)
        {
            s.AppendLine(c, $"      p{i}: bench/v{i}");
        }

        return s.ToString();
    }

    private static async Task<ChildProcess> StartServerAsync(OpcUaBenchmarkOptions options, string work, TextWriter progress, CancellationToken cancellationToken)
    {
        var script = FindPeerScript()
            ?? throw new BenchmarkFailedException(
                "tests/peers/opcua_bench_server.js was not found above the current directory or the edgetwin binary: run the command inside the EdgeTwin repository, or pass --endpoint URL of a server offering ns=1;s=Bench.0 .. Bench.N-1.");
        var peers = Path.GetDirectoryName(script)!;
        var nodeOpcUa = Path.Combine(peers, "node", "node_modules", "node-opcua");
        if (!Directory.Exists(nodeOpcUa))
        {
            throw new BenchmarkFailedException($"node-opcua is not installed ({nodeOpcUa} is missing): run 'npm ci' in {Path.Combine(peers, "node")} (tests/run.sh does this).");
        }

        var node = FindOnPath("node")
            ?? throw new BenchmarkFailedException("'node' (Node.js) is not on PATH; it runs the node-opcua peer (Debian: apt-get install nodejs).");
        var port = FreeLoopbackPort();
        progress.WriteLine($"server: {node} {script} {port} {options.Items} {options.Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}");
        string[] arguments = [script, port.ToString(CultureInfo.InvariantCulture), options.Items.ToString(CultureInfo.InvariantCulture), ((int)Math.Round(options.Interval.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture), Path.Combine(work, "pki")];

        // The peer listens on 127.0.0.1 only; its advertised URL says localhost, which may resolve to ::1 first.
        return await StartPeerAsync("node-opcua peer", node, arguments, work, TimeSpan.FromSeconds(120), $"opc.tcp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/UA/Bench", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ChildProcess> StartOwnServerAsync(OpcUaBenchmarkOptions options, string work, TextWriter progress, CancellationToken cancellationToken)
    {
        var (file, prefix) = Bench.BenchChild.Self();
        var port = FreeLoopbackPort();
        string[] arguments = [.. prefix, "bench", "opcua-server", "--items", options.Items.ToString(CultureInfo.InvariantCulture),
            "--interval", $"{options.Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
            "--max-per-publish", options.MaxPerPublish.ToString(CultureInfo.InvariantCulture), "--values", options.Values, "--port", port.ToString(CultureInfo.InvariantCulture)];
        progress.WriteLine($"server: {file} {string.Join(' ', arguments)}");
        return await StartPeerAsync("bench peer (ours)", file, arguments, work, TimeSpan.FromSeconds(60), $"opc.tcp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/EdgeTwin/BenchPeer", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a peer and waits until it prints <c>READY </c> (both peers do once they listen).</summary>
    private static async Task<ChildProcess> StartPeerAsync(string name, string file, string[] arguments, string work, TimeSpan timeout, string endpoint, CancellationToken cancellationToken)
    {
        var server = ChildProcess.Start(name, file, arguments, work);
        try
        {
            await server.WaitForLineAsync(Bench.OpcUaPeer.BenchUaServerCommand.Ready, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        server.Endpoint = endpoint;
        return server;
    }

    private static async Task<MetricsSample> WaitAsync(ChildProcess gateway, ChildProcess? server, string what, TimeSpan timeout, Func<Task<MetricsSample?>> probe, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            gateway.ThrowIfExited();
            server?.ThrowIfExited();
            if (await probe().ConfigureAwait(false) is { } sample)
            {
                return sample;
            }

            if (clock.Elapsed > timeout)
            {
                throw new BenchmarkFailedException($"waited {timeout.TotalSeconds:0} s for {what}.{gateway.Tail()}{server?.Tail()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WatchAsync(ChildProcess gateway, ChildProcess? server, TimeSpan duration, Action? everySecond, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var left = duration - clock.Elapsed;
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            gateway.ThrowIfExited();
            server?.ThrowIfExited();
            everySecond?.Invoke();
        }
    }

    private static async Task<MetricsSample?> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // timed out: the gateway is busy starting
        }

        return MetricsSample.Parse(text);
    }

    private static string? FindPeerScript()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "peers", "opcua_bench_server.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string? FindOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double[] LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }

    /// <summary>The figures read from one scrape of the gateway's <c>/metrics</c>.</summary>
    private sealed record MetricsSample(double SamplesReceived, double SamplesCommitted, double AllocatedBytes, double Errors, double Reconnects)
    {
        public static MetricsSample Parse(string text)
        {
            double received = 0, committed = 0, allocated = 0, errors = 0, reconnects = 0;
            foreach (var line in text.Split('\n'))
            {
                var space = line.LastIndexOf(' ');
                if (line.StartsWith('#') || space < 0)
                {
                    continue;
                }

                var name = line[..Math.Max(0, line.IndexOfAny(['{', ' ']))];
                if (!double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    continue;
                }

                switch (name)
                {
                    case "edgetwin_device_samples_total": received += value; break;
                    case "edgetwin_samples_committed_total": committed = value; break;
                    case "dotnet_gc_allocated_bytes_total": allocated = value; break;
                    case "edgetwin_device_errors_total": errors += value; break;
                    case "edgetwin_device_reconnects_total": reconnects += value; break;
                }
            }

            return new MetricsSample(received, committed, allocated, errors, reconnects);
        }
    }

    /// <summary>A child process (peer or gateway) with its output kept for error messages.</summary>
    private sealed class ChildProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _name;
        private readonly Queue<string> _tail = new();
        private readonly Lock _gate = new();
        private TaskCompletionSource<string>? _waitingFor;
        private string? _waitedPrefix;
        private string? _lastStats;

        private ChildProcess(string name, Process process)
        {
            _name = name;
            _process = process;
        }

        /// <summary>The endpoint the peer serves (peer only).</summary>
        public string? Endpoint { get; set; }

        /// <summary>The newest figures line of our peer (kept apart from the output tail), or null.</summary>
        public string? LastStats
        {
            get
            {
                lock (_gate)
                {
                    return _lastStats;
                }
            }
        }

        public static ChildProcess Start(string name, string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
        {
            var info = Bench.BenchChild.StartInfo(file, arguments, workingDirectory, environment);
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var child = new ChildProcess(name, process);
            process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                process.Dispose();
                throw new BenchmarkFailedException($"cannot start the {name} ({file}): {ex.Message}");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public async Task WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_tail.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    return;
                }

                _waitedPrefix = prefix;
                _waitingFor = found;
            }

            var clock = Stopwatch.StartNew();
            while (!found.Task.IsCompleted)
            {
                ThrowIfExited();
                if (clock.Elapsed > timeout)
                {
                    throw new BenchmarkFailedException($"the {_name} did not print '{prefix.Trim()}' within {timeout.TotalSeconds:0} s.{Tail()}");
                }

                await Task.WhenAny(found.Task, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public void ThrowIfExited()
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the rest of its output
                throw new BenchmarkFailedException($"the {_name} exited with code {_process.ExitCode}.{Tail()}");
            }
        }

        /// <summary>utime + stime of the process (/proc/PID/stat).</summary>
        public TimeSpan CpuTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        /// <summary>Resident set size in bytes (VmRSS).</summary>
        public long Rss()
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }

        /// <summary>The last lines the process printed, for an error message.</summary>
        public string Tail()
        {
            lock (_gate)
            {
                return _tail.Count == 0 ? $" The {_name} printed nothing." : $"{Environment.NewLine}Last output of the {_name}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", _tail);
            }
        }

        /// <summary>SIGTERM, as systemd stops the daemon; SIGKILL after <paramref name="timeout"/>.</summary>
        public Task StopAsync(TimeSpan timeout) => Bench.BenchChild.TerminateAsync(_process, timeout);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                if (line.StartsWith(Bench.OpcUaPeer.BenchUaServerCommand.Stats, StringComparison.Ordinal))
                {
                    _lastStats = line;
                    return;
                }

                _tail.Enqueue(line);
                while (_tail.Count > 30)
                {
                    _tail.Dequeue();
                }

                if (_waitedPrefix is { } prefix && line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _waitingFor?.TrySetResult(line);
                    _waitedPrefix = null;
                }
            }
        }
    }
}

/// <summary>Settings of <see cref="OpcUaBenchmark"/>.</summary>
public sealed record OpcUaBenchmarkOptions
{
    /// <summary>Monitored items.</summary>
    public int Items { get; init; } = 10_000;

    /// <summary>How often every variable changes; also the sampling and publishing interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Measured seconds.</summary>
    public int Seconds { get; init; } = 30;

    /// <summary>Seconds at full load before measuring.</summary>
    public int WarmupSeconds { get; init; } = 10;

    /// <summary><see cref="Server"/> value of the node-opcua peer.</summary>
    public const string NodeOpcUa = "node-opcua";

    /// <summary><see cref="Server"/> value of our own bench peer.</summary>
    public const string Ours = "ours";

    /// <summary>An external server; null starts the peer <see cref="Server"/> names.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The peer to start without <see cref="Endpoint"/>: <see cref="NodeOpcUa"/> or <see cref="Ours"/>.</summary>
    public string Server { get; init; } = NodeOpcUa;

    /// <summary>With <see cref="Ours"/>: most notifications in a Publish response (0: as many as the client takes).</summary>
    public int MaxPerPublish { get; init; }

    /// <summary>Our peer's values: every value the tick count.</summary>
    public const string Counter = "counter";

    /// <summary>Our peer's values: the tick count plus a fraction per item and tick, like sensor data.</summary>
    public const string Noisy = "noisy";

    /// <summary>With <see cref="Ours"/>: <see cref="Counter"/> or <see cref="Noisy"/>.</summary>
    public string Values { get; init; } = Counter;

    /// <summary>The first invalid setting as a message naming the option, or null.</summary>
    public string? Validate() =>
        Items is < 1 or > 100_000 ? $"--items: {Items} is not between 1 and 100000"
        : Seconds < 1 ? $"--seconds: {Seconds} must be at least 1"
        : WarmupSeconds < 0 ? $"--warmup: {WarmupSeconds} must not be negative"
        : Endpoint is { } e && !e.StartsWith("opc.tcp://", StringComparison.Ordinal) ? $"--endpoint: '{e}' is not an opc.tcp:// URL"
        : Server is not (NodeOpcUa or Ours) ? $"--server: '{Server}' is not {NodeOpcUa} or {Ours}"
        : MaxPerPublish < 0 ? $"--max-per-publish: {MaxPerPublish} must not be negative"
        : MaxPerPublish > 0 && (Server != Ours || Endpoint is not null) ? "--max-per-publish: only our peer takes it (--server ours, no --endpoint)"
        : Values is not (Counter or Noisy) ? $"--values: '{Values}' is not {Counter} or {Noisy}"
        : Values == Noisy && (Server != Ours || Endpoint is not null) ? "--values: only our peer takes it (--server ours, no --endpoint)"
        : null;
}

/// <summary>Figures of <c>edgetwin bench opcua</c>.</summary>
/// <param name="Cores">Logical processors of the machine.</param>
/// <param name="Items">Monitored items.</param>
/// <param name="IntervalMilliseconds">Change, sampling and publishing interval.</param>
/// <param name="Seconds">Measured time.</param>
/// <param name="ExpectedPerSecond">Notifications per second the server should send (items per interval).</param>
/// <param name="ReceivedPerSecond">Samples per second the gateway's OPC UA device produced from notifications.</param>
/// <param name="SentPerSecond">Notifications per second our peer sent (null for other servers).</param>
/// <param name="CommittedPerSecond">Samples per second durably committed to the outbox in telemetry messages.</param>
/// <param name="CpuCores">Gateway CPU time (user + system) per second of wall time.</param>
/// <param name="RssMegabytes">Gateway resident memory at the end.</param>
/// <param name="PeakRssMegabytes">Highest resident memory seen while measuring.</param>
/// <param name="AllocatedBytesPerSecond">Managed allocations of the gateway per second.</param>
/// <param name="Errors">Device errors while measuring.</param>
/// <param name="Reconnects">Reconnects while measuring.</param>
/// <param name="ServerCpuCores">CPU of the peer when the benchmark started it.</param>
/// <param name="LoadBefore">Load average (1, 5, 15 min) before measuring: other work on the machine.</param>
/// <param name="LoadAfter">Load average after measuring.</param>
/// <param name="Endpoint">The server.</param>
/// <param name="Server">Which server: node-opcua, ours (the peers the benchmark starts) or external.</param>
/// <param name="MaxPerPublish">Our peer's cap on notifications per Publish response (0: none).</param>
/// <param name="Values">Our peer's values: counter or noisy.</param>
public sealed record OpcUaBenchmarkReport(
    int Cores,
    int Items,
    double IntervalMilliseconds,
    double Seconds,
    double ExpectedPerSecond,
    double ReceivedPerSecond,
    double? SentPerSecond,
    double CommittedPerSecond,
    double CpuCores,
    double RssMegabytes,
    double PeakRssMegabytes,
    double AllocatedBytesPerSecond,
    double Errors,
    double Reconnects,
    double? ServerCpuCores,
    IReadOnlyList<double> LoadBefore,
    IReadOnlyList<double> LoadAfter,
    string Endpoint,
    string Server,
    int MaxPerPublish,
    string Values)
{
    /// <summary>Received notifications as a share of the expected ones.</summary>
    public double Delivery => ExpectedPerSecond <= 0 ? 0 : ReceivedPerSecond / ExpectedPerSecond;

    /// <summary>Managed allocations of the gateway per received notification (bytes).</summary>
    public double AllocatedBytesPerNotification => ReceivedPerSecond <= 0 ? 0 : AllocatedBytesPerSecond / ReceivedPerSecond;

    /// <summary>True when the gateway took the full load under one core and 150 MB.</summary>
    public bool TargetsMet => Delivery >= OpcUaBenchmark.DeliveryTarget && CpuCores < OpcUaBenchmark.CpuTargetCores && PeakRssMegabytes < OpcUaBenchmark.RssTargetMegabytes;

    /// <summary>The figures as a text table with the targets.</summary>
    public string Table()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var server = Server switch
        {
            OpcUaBenchmarkOptions.Ours when MaxPerPublish > 0 => $"our bench peer, edgetwin bench opcua-server, {Values} values, at most {MaxPerPublish} per Publish response",
            OpcUaBenchmarkOptions.Ours => $"our bench peer, edgetwin bench opcua-server, {Values} values",
            OpcUaBenchmarkOptions.NodeOpcUa => "node-opcua peer, tests/peers/opcua_bench_server.js",
            _ => "external server",
        };
        s.AppendLine(c, $"opcua bench: {Items} items every {IntervalMilliseconds:0.#} ms from {Endpoint} ({server}), {Seconds:0.0} s measured on {Cores} cores");
        s.AppendLine(c, $"{"MEASURE",-34} {"VALUE",16} {"TARGET",14}");
        s.AppendLine(c, $"{"notifications/s received",-34} {ReceivedPerSecond,16:N0} {"≥ " + (ExpectedPerSecond * OpcUaBenchmark.DeliveryTarget).ToString("N0", c),14}  ({Delivery:P1} of {ExpectedPerSecond:N0} expected)");
        if (SentPerSecond is { } sent)
        {
            s.AppendLine(c, $"{"notifications/s sent by the peer",-34} {sent,16:N0}");
        }

        s.AppendLine(c, $"{"samples/s committed (outbox)",-34} {CommittedPerSecond,16:N0}");
        s.AppendLine(c, $"{"gateway CPU (cores)",-34} {CpuCores,16:0.00} {"< " + OpcUaBenchmark.CpuTargetCores.ToString("0.0", c),14}");
        s.AppendLine(c, $"{"gateway RSS (MB), peak",-34} {RssMegabytes,8:0.0} {PeakRssMegabytes,7:0.0} {"< " + OpcUaBenchmark.RssTargetMegabytes.ToString("0", c),14}");
        s.AppendLine(c, $"{"allocations (MB/s)",-34} {AllocatedBytesPerSecond / 1048576.0,16:0.0}");
        s.AppendLine(c, $"{"allocations per notification (B)",-34} {AllocatedBytesPerNotification,16:N0}");
        s.AppendLine(c, $"{"device errors, reconnects",-34} {Errors,8:0} {Reconnects,7:0}");
        if (ServerCpuCores is { } peer)
        {
            s.AppendLine(c, $"{Server + " peer CPU (cores)",-34} {peer,16:0.00}");
        }

        s.AppendLine(c, $"load average before {string.Join(' ', LoadBefore.Select(l => l.ToString("0.00", c)))}, after {string.Join(' ', LoadAfter.Select(l => l.ToString("0.00", c)))}");
        s.AppendLine(TargetsMet ? "targets met" : "targets MISSED");
        return s.ToString();
    }
}

/// <summary>A benchmark could not run; the message says why.</summary>
public sealed class BenchmarkFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchmarkFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BenchmarkFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public BenchmarkFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
