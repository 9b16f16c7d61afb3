using System.Net.Sockets;
using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Server;

/// <summary>An accepted connection as a transport (it is connected from the start and cannot reconnect).</summary>
internal sealed class ServerSocketTransport : IModbusTransport
{
    private readonly Socket _socket;
    private readonly string _remote;

    public ServerSocketTransport(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string Description => $"tcp client {_remote}";

    public bool IsConnected => _socket.Connected;

    public ValueTask ConnectAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("An accepted connection cannot be reopened.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new ModbusTransportException($"Send to {_remote} failed: {ex.Message}", ex);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new ModbusTransportException($"Receive from {_remote} failed: {ex.Message}", ex);
        }

        return read == 0 ? throw new ModbusTransportException($"{_remote} closed the connection.") : read;
    }

    public void DiscardInput()
    {
    }

    public void Close() => _socket.Dispose();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
