using EdgeTwin.Modbus.Tests.Peers;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>A socat pty pair with the pymodbus RTU server (units 1 and 2) on end A; tests use end B.</summary>
public sealed class PymodbusRtuFixture : IAsyncLifetime
{
    private SocatPair? _pair;
    private PymodbusServer? _server;

    internal string ClientPort => _pair?.B ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _pair = await SocatPair.StartAsync();
        _server = await PymodbusServer.StartRtuAsync(_pair.A, units: "1,2");
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        _pair?.Dispose();
        return Task.CompletedTask;
    }
}
