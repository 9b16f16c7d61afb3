using System.Text.Json;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

/// <summary>The independent Modbus TCP server (Debian python3-pymodbus) with a given register map.</summary>
internal sealed class ModbusPeer : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private PeerProcess? _process;

    public int Port { get; } = FreePort.Next();

    public static async Task<ModbusPeer> StartAsync(object map)
    {
        var peer = new ModbusPeer();
        var file = peer._dir.File("map.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(map));
        peer._process = PeerProcess.Start("/usr/bin/python3", [Path.Combine(RepoPaths.Peers, "gateway_modbus_server.py"), peer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), file]);
        await peer._process.WaitForOutputAsync("READY", TimeSpan.FromSeconds(15));
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _dir.Dispose();
    }
}
