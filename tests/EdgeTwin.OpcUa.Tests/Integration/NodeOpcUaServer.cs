using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeTwin.OpcUa.Tests.Integration;

/// <summary>A node-opcua server (tests/peers/opcua_server.js) on a free loopback port with its own PKI folder.</summary>
public sealed class NodeOpcUaServer : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    private NodeOpcUaServer(string pkiRoot, int port, bool autoAcceptClients)
    {
        PkiRoot = pkiRoot;
        Port = port;
        AutoAcceptClients = autoAcceptClients;
    }

    public string PkiRoot { get; }

    public int Port { get; }

    public bool AutoAcceptClients { get; }

    public string EndpointUrl => $"opc.tcp://127.0.0.1:{Port}/UA/TestServer";

    /// <summary>The server's own certificate (PEM), created on first start.</summary>
    public string CertificatePath => Path.Combine(PkiRoot, "server", "own", "certs", "certificate.pem");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<NodeOpcUaServer> StartAsync(string? pkiRoot = null, bool autoAcceptClients = true)
    {
        var root = pkiRoot ?? Directory.CreateTempSubdirectory("edgetwin-opcua-server-").FullName;
        var server = new NodeOpcUaServer(root, FreePort(), autoAcceptClients);
        await server.StartProcessAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Kills the server process (like a crash) without cleaning up.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
    }

    /// <summary>Starts the server again on the same port with the same PKI.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(PkiRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync()
    {
        var script = Path.Combine(PeerPaths.PeersDirectory, "opcua_server.js");
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), PkiRoot },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["OPCUA_AUTO_ACCEPT"] = AutoAcceptClients ? "1" : "0";
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("node is not installed: run tests/run.sh to install the test peers.", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(90))).ConfigureAwait(false);
        if (finished != ready.Task)
        {
            await KillAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The node-opcua test server did not start (run tests/run.sh to install node-opcua). Output:\n{Log}");
        }
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
