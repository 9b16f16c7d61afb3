using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>Loopback ports for the processes a benchmark starts.</summary>
public static class BenchPorts
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"nothing listens on 127.0.0.1:{port} after {timeout.TotalSeconds:0} s ({ex.SocketErrorCode}); output: {diagnostics()}", ex);
            }
        }
    }
}

/// <summary>CPU time, resident memory and open handles of a process, read from /proc.</summary>
/// <param name="CpuSeconds">User plus system CPU time.</param>
/// <param name="RssBytes">Resident set size.</param>
/// <param name="Handles">Open file descriptors.</param>
/// <param name="Threads">Threads.</param>
public readonly record struct ProcStats(double CpuSeconds, long RssBytes, int Handles, int Threads)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Reads the figures of process <paramref name="pid"/>.</summary>
    public static ProcStats Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime 15, num_threads 20, rss (pages) 24.
        var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        var threads = int.Parse(fields[17], CultureInfo.InvariantCulture);
        var rss = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        int handles;
        try
        {
            handles = Directory.GetFiles($"/proc/{pid}/fd").Length;
        }
        catch (UnauthorizedAccessException)
        {
            handles = -1;
        }

        return new ProcStats(cpu, rss, handles, threads);
    }
}

/// <summary>Resident memory of a process by kind, from /proc/PID/status.</summary>
/// <param name="AnonBytes">Anonymous memory (heaps: the managed heap, native allocations, thread stacks).</param>
/// <param name="FileBytes">Pages of mapped files (the runtime, assemblies, native libraries; shared and clean).</param>
/// <param name="SharedBytes">Shared memory (mostly the JIT's double mapping of generated code).</param>
public readonly record struct ProcMemory(long AnonBytes, long FileBytes, long SharedBytes)
{
    /// <summary>Reads the figures of process <paramref name="pid"/>.</summary>
    public static ProcMemory Read(int pid) => Parse(File.ReadAllText($"/proc/{pid}/status"));

    /// <summary>Parses the text of /proc/PID/status (its RssAnon, RssFile and RssShmem lines, in kB).</summary>
    /// <exception cref="FormatException">A line is missing or not a number of kB.</exception>
    public static ProcMemory Parse(string status) => new(Kb(status, "RssAnon:"), Kb(status, "RssFile:"), Kb(status, "RssShmem:"));

    private static long Kb(string status, string key)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var parts = line[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    return kb * 1024;
                }

                throw new FormatException($"/proc status: '{line.Trim()}' is not '{key} <number> kB'");
            }
        }

        throw new FormatException($"/proc status: no '{key}' line");
    }
}

/// <summary>A child process of a benchmark with its output kept for error messages; killed on dispose.</summary>
public sealed class BenchChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BenchChild(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>Name for messages.</summary>
    public string Name { get; }

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Raised for each line it writes (stdout and stderr).</summary>
    public event Action<string>? Line;

    /// <summary>The last lines of its output.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Its figures now.</summary>
    public ProcStats Stats() => ProcStats.Read(_process.Id);

    /// <summary>Its resident memory by kind now.</summary>
    public ProcMemory Memory() => ProcMemory.Read(_process.Id);

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>.</summary>
    public static BenchChild Start(string name, string file, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = StartInfo(file, arguments, workingDirectory, environment);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{name}: cannot start '{file}' ({ex.Message}); is it installed?", ex);
        }

        var child = new BenchChild(process, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Starts this very executable (the <c>edgetwin</c> apphost, or <c>dotnet edgetwin.dll</c>) with
    /// <paramref name="arguments"/>, so the daemon's own CPU and memory can be read from /proc.
    /// </summary>
    public static BenchChild StartSelf(string name, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (file, prefix) = Self();
        return Start(name, file, prefix.Concat(arguments), workingDirectory, environment);
    }

    /// <summary>
    /// How to start this very program again: the <c>edgetwin</c> executable (apphost or ahead-of-time compiled), or
    /// <c>dotnet</c> with <c>edgetwin.dll</c> first when it runs as <c>dotnet edgetwin.dll</c>.
    /// </summary>
    public static (string File, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell the path of this executable");
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, [Path.Combine(AppContext.BaseDirectory, "edgetwin.dll")])
            : (path, []);
    }

    /// <summary>
    /// Starts the daemon (<c>edgetwin run --config</c> <paramref name="config"/>) as deployed: with the runtime
    /// settings of <see cref="Hosting.RuntimeEnvironment"/> that packaging/edgetwin.service sets.
    /// </summary>
    public static BenchChild StartGateway(string config, string workingDirectory) =>
        StartSelf("gateway", ["run", "--config", config], workingDirectory, Hosting.RuntimeEnvironment.Variables);

    /// <summary>Sends SIGTERM and waits up to <paramref name="timeout"/> for the exit; kills it after that.</summary>
    public Task StopAsync(TimeSpan timeout) => TerminateAsync(_process, timeout);

    /// <summary>A child with redirected output, <paramref name="arguments"/> and <paramref name="environment"/> added.</summary>
    internal static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>SIGTERM, as systemd stops the daemon; waits up to <paramref name="timeout"/> for the exit, then kills the process tree.</summary>
    internal static async Task TerminateAsync(Process process, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length > 16_000)
            {
                _output.Remove(0, 8_000);
            }

            _output.AppendLine(line);
        }

        Line?.Invoke(line);
    }
}

/// <summary>A mosquitto broker on a free loopback port in a temporary folder (the <c>mosquitto</c> binary).</summary>
public sealed class BenchBroker : IAsyncDisposable
{
    private readonly BenchChild _process;
    private readonly string _directory;

    private BenchBroker(BenchChild process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>mqtt://127.0.0.1:port.</summary>
    public Uri Url => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>Starts mosquitto (binary from PATH or /usr/sbin).</summary>
    public static async Task<BenchBroker> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("edgetwin-bench-mqtt-").FullName;
        var port = BenchPorts.Free();
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            per_listener_settings true
            persistence false
            log_dest stdout
            log_type error
            log_type warning
            max_queued_messages 100000
            max_inflight_messages 0
            listener {port} 127.0.0.1
            allow_anonymous true

            """), cancellationToken).ConfigureAwait(false);
        var binary = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = BenchChild.Start("mosquitto", binary, ["-c", config]);
        var broker = new BenchBroker(process, directory, port);
        try
        {
            await BenchPorts.WaitListeningAsync(port, TimeSpan.FromSeconds(10), () => process.Output, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return broker;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
