using EdgeTwin.Testing;

namespace EdgeTwin.Acquisition.Tests.OpcUa;

/// <summary>The node-opcua test server (tests/peers/opcua_server.js) on a free loopback port with a temp PKI.</summary>
internal sealed class OpcUaPeer : IAsyncDisposable
{
    private readonly TempDir _pki = new();
    private PeerProcess? _process;

    private OpcUaPeer(int port) => Port = port;

    public int Port { get; }

    public string EndpointUrl => $"opc.tcp://127.0.0.1:{Port}/UA/TestServer";

    public string Output => _process?.Output ?? string.Empty;

    public static async Task<OpcUaPeer> StartAsync()
    {
        if (!Directory.Exists(Path.Combine(RepoPaths.NodePeers, "node_modules", "node-opcua")))
        {
            throw new InvalidOperationException($"node-opcua is not installed in {RepoPaths.NodePeers}: run tests/run.sh.");
        }

        var peer = new OpcUaPeer(FreePort.Next());
        await peer.RestartAsync();
        return peer;
    }

    /// <summary>Kills the server like a crash (no session clean-up).</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the server (again) on the same port with the same PKI; returns when it listens.</summary>
    public async Task RestartAsync()
    {
        var process = PeerProcess.Start("node", [Path.Combine(RepoPaths.Peers, "opcua_server.js"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _pki.Path],
            environment: new Dictionary<string, string> { ["OPCUA_AUTO_ACCEPT"] = "1" });
        _process = process;
        await process.WaitForOutputAsync("READY ", TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _pki.Dispose();
    }
}

/// <summary>One node-opcua server shared by the OPC UA source tests that do not stop it.</summary>
public sealed class OpcUaPeerFixture : IAsyncLifetime
{
    private OpcUaPeer? _peer;

    internal OpcUaPeer Peer => _peer ?? throw new InvalidOperationException("The node-opcua server did not start.");

    public async Task InitializeAsync() => _peer = await OpcUaPeer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}
