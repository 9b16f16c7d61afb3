using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// A Modbus RTU server (slave) on a serial line: answers requests for the units the store serves, stays silent for
/// other units (they are other slaves on the bus) and for broadcasts (unit 0, executed as unit 0 of the store).
/// </summary>
public sealed class ModbusRtuServer : IAsyncDisposable
{
    private readonly IModbusTransport _transport;
    private readonly ModbusRequestHandler _handler;
    private readonly TimeSpan _responseDelay;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>Creates a server on the serial port of <paramref name="serial"/>.</summary>
    public ModbusRtuServer(IModbusDataStore store, ModbusSerialSettings serial, TimeSpan responseDelay = default)
        : this(store, new SerialTransport(serial), responseDelay)
    {
    }

    /// <summary>Creates a server on any byte transport carrying RTU frames.</summary>
    public ModbusRtuServer(IModbusDataStore store, IModbusTransport transport, TimeSpan responseDelay = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _handler = new ModbusRequestHandler(store);
        _transport = transport;
        _responseDelay = responseDelay;
    }

    /// <summary>Counters.</summary>
    public ModbusServerStatistics Statistics { get; } = new();

    /// <summary>Opens the port and starts serving; returns once the port is open.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        await _transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _loop = RunAsync(_stopping.Token);
    }

    /// <summary>Stops serving and closes the port.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _transport.Close();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var session = new ModbusServerSession(_transport, ModbusFrameFormat.Rtu, _handler, Statistics, _responseDelay);
        try
        {
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Statistics.LastError = ex;
        }
    }
}
