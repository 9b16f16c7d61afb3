using EdgeTwin.Modbus.Tests.Peers;

namespace EdgeTwin.Modbus.Tests.Integration;

/// <summary>One pymodbus TCP server per test class, answering units 1 and 2 only.</summary>
public sealed class PymodbusTcpFixture : IAsyncLifetime
{
    private PymodbusServer? _server;

    internal PymodbusServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await PymodbusServer.StartTcpAsync(units: "1,2");

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
