using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>Free loopback ports.</summary>
internal static class FreePort
{
    public static int Get()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

/// <summary>A peer process (pymodbus, socat) started for a test and killed on dispose.</summary>
internal sealed class ModbusPeer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ModbusPeer(string file, IEnumerable<string> arguments, string marker)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(e.Data);
            }

            if (e.Data.Contains(marker, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        };
        _process.OutputDataReceived += onLine;
        _process.ErrorDataReceived += onLine;
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{file} exited early:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

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

    public static async Task<ModbusPeer> StartAsync(string file, IEnumerable<string> arguments, string marker, string hint)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing: {hint}");
        }

        var peer = new ModbusPeer(file, arguments, marker);
        var finished = await Task.WhenAny(peer._ready.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        if (finished != peer._ready.Task || peer._ready.Task.IsFaulted)
        {
            peer.Dispose();
            throw new InvalidOperationException($"{file} did not become ready ({hint}):\n{peer.Output}");
        }

        return peer;
    }

    /// <summary>tests/peers/modbus_server.py (pymodbus 3.0) on a free TCP port.</summary>
    public static async Task<(ModbusPeer Peer, int Port)> StartPymodbusTcpAsync(string? units = null)
    {
        var port = FreePort.Get();
        var arguments = new List<string> { Script("modbus_server.py"), "tcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (units is not null)
        {
            arguments.AddRange(["--units", units]);
        }

        return (await StartAsync("/usr/bin/python3", arguments, "READY", "run tests/run.sh (apt-get install python3-pymodbus)"), port);
    }

    /// <summary>tests/peers/modbus_server.py in RTU mode on a pty.</summary>
    public static Task<ModbusPeer> StartPymodbusRtuAsync(string pty, string units) =>
        StartAsync("/usr/bin/python3", [Script("modbus_server.py"), "rtu", pty, "--units", units], "READY", "run tests/run.sh (apt-get install python3-pymodbus)");

    /// <summary>A socat pty pair in <paramref name="directory"/> (ttyA, ttyB).</summary>
    public static async Task<ModbusPeer> StartSocatAsync(string directory)
    {
        var peer = await StartAsync("/usr/bin/socat", ["-d", "-d", $"pty,raw,echo=0,link={directory}/ttyA", $"pty,raw,echo=0,link={directory}/ttyB"], "starting data transfer loop", "run tests/run.sh (apt-get install socat)");
        return peer;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }

    private static string Script(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "peers", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/peers/{name} not found above {AppContext.BaseDirectory}.");
    }
}
