using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// A Modbus TCP server (slave) for the simulator, tests and benchmarks: serves an <see cref="IModbusDataStore"/> to
/// many concurrent connections, each answered in order. Binds 127.0.0.1 and a free port by default.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private readonly ModbusRequestHandler _handler;
    private readonly ModbusTcpServerOptions _options;
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates the server; <see cref="StartAsync"/> binds it.</summary>
    public ModbusTcpServer(IModbusDataStore store, ModbusTcpServerOptions? options = null)
    {
        _handler = new ModbusRequestHandler(store);
        _options = options ?? new ModbusTcpServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConnections, 1);
    }

    /// <summary>The bound endpoint (after <see cref="StartAsync"/>).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started."));

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port => EndPoint.Port;

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Counters.</summary>
    public ModbusServerStatistics Statistics { get; } = new();

    /// <summary>Binds and starts accepting; returns once the port is bound.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var listener = new Socket(_options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(_options.Address, _options.Port));
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection and waits for their handlers.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    /// <summary>Closes every open connection abruptly (tests: a device dropping its clients); the server keeps accepting.</summary>
    public void DropConnections()
    {
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Statistics.LastError = ex;
                continue;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                socket.Dispose();
                continue;
            }

            Statistics.CountConnection();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = ServeAsync(socket, started.Task, cancellationToken);
            started.SetResult();
        }
    }

    private async Task ServeAsync(Socket socket, Task registered, CancellationToken cancellationToken)
    {
        await registered.ConfigureAwait(false);
        var transport = new ServerSocketTransport(socket);
        try
        {
            var session = new ModbusServerSession(transport, _options.Framing, _handler, Statistics, _options.ResponseDelay);
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Observed and kept for diagnostics; one failing connection never stops the server.
            Statistics.LastError = ex;
        }
        finally
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(socket, out _);
        }
    }
}
