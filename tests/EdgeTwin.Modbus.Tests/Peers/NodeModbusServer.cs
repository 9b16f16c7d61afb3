namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>The npm modbus-serial ServerTCP peer (tests/peers/modbus_server_node.js) on a free port; answers unit 1 only.</summary>
internal sealed class NodeModbusServer : IDisposable
{
    private readonly PeerProcess _process;

    private NodeModbusServer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodeModbusServer> StartAsync()
    {
        var node = PeerPaths.Node();
        PeerPaths.RequireNodeModule("modbus-serial");
        var port = FreePort.Get();
        var process = PeerProcess.Start(node,
            [PeerPaths.Script("modbus_server_node.js"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "READY",
            new Dictionary<string, string> { ["NODE_PATH"] = PeerPaths.NodeModules });
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new NodeModbusServer(process, port);
    }

    public void Dispose() => _process.Dispose();
}
