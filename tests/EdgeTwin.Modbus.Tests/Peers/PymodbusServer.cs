namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>The pymodbus 3.0 peer (tests/peers/modbus_server.py) over TCP on a free port, or RTU on a pty.</summary>
internal sealed class PymodbusServer : IDisposable
{
    private readonly PeerProcess _process;

    private PymodbusServer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    public static async Task<PymodbusServer> StartTcpAsync(string? units = null)
    {
        var port = FreePort.Get();
        return await StartAsync(["tcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], units, port);
    }

    public static Task<PymodbusServer> StartRtuAsync(string pty, string? units = null) => StartAsync(["rtu", pty], units, 0);

    public void Dispose() => _process.Dispose();

    private static async Task<PymodbusServer> StartAsync(string[] arguments, string? units, int port)
    {
        PeerPaths.Require(PeerPaths.Python, "Debian python3 with python3-pymodbus");
        var args = new List<string> { PeerPaths.Script("modbus_server.py") };
        args.AddRange(arguments);
        if (units is not null)
        {
            args.Add("--units");
            args.Add(units);
        }

        var process = PeerProcess.Start(PeerPaths.Python, args, "READY");
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"pymodbus peer did not start (is python3-pymodbus installed? run tests/run.sh): {ex.Message}", ex);
        }

        return new PymodbusServer(process, port);
    }
}
