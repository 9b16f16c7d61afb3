using EdgeTwin.Modbus.Client;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>A device's use of a client: its own for TCP, a shared one for a serial bus. Disposing releases it.</summary>
internal sealed class ModbusClientLease : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;
    private int _released;

    public ModbusClientLease(ModbusClient client, Func<ValueTask> release)
    {
        Client = client;
        _release = release;
    }

    public ModbusClient Client { get; }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? _release() : ValueTask.CompletedTask;
}
