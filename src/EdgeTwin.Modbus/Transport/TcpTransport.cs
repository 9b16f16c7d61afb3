using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Errors;

namespace EdgeTwin.Modbus.Transport;

/// <summary>A TCP connection to a Modbus TCP device or a serial gateway (RTU over TCP).</summary>
public sealed class TcpTransport : IModbusTransport
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;

    /// <summary>Creates the transport; nothing is opened until <see cref="ConnectAsync"/>.</summary>
    public TcpTransport(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _host = host;
        _port = port;
    }

    /// <inheritdoc />
    public string Description => $"tcp {_host}:{_port}";

    /// <inheritdoc />
    public bool IsConnected => _socket is { Connected: true };

    /// <inheritdoc />
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        Close();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            if (IPAddress.TryParse(_host, out var address))
            {
                await socket.ConnectAsync(new IPEndPoint(address, _port), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ModbusTransportException($"Cannot connect to {_host}:{_port}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var socket = _socket ?? throw NotConnected();
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Close();
            throw new ModbusTransportException($"Send to {_host}:{_port} failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var socket = _socket ?? throw NotConnected();
        int read;
        try
        {
            read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Close();
            throw new ModbusTransportException($"Receive from {_host}:{_port} failed: {ex.Message}", ex);
        }

        if (read == 0)
        {
            Close();
            throw new ModbusTransportException($"{_host}:{_port} closed the connection.");
        }

        return read;
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        // Late answers to a timed-out request (RTU over TCP cannot match them by transaction id).
        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        Span<byte> scratch = stackalloc byte[256];
        try
        {
            while (socket.Available > 0)
            {
                socket.Receive(scratch, SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Close();
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        var socket = Interlocked.Exchange(ref _socket, null);
        socket?.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private ModbusTransportException NotConnected() => new($"Not connected to {_host}:{_port}.");
}
