using System.Diagnostics;
using System.Text;

namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>A peer process started for a test: waits for its READY line, keeps its output, kills it on dispose.</summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process, string readyMarker)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, readyMarker);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, readyMarker);
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{Name} exited with {SafeExitCode()} before it was ready:\n{Output}"));
    }

    public string Name => Path.GetFileName(_process.StartInfo.FileName) + " " + _process.StartInfo.Arguments;

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

    public int Id => _process.Id;

    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string readyMarker, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, readyMarker);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_ready.Task, Task.Delay(timeout));
        if (finished != _ready.Task)
        {
            throw new TimeoutException($"{Name} not ready within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        await _ready.Task;
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
            // Already gone.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, string readyMarker)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
