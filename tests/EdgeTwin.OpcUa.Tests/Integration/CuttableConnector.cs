using System.Collections.Concurrent;
using System.Net.Sockets;

namespace EdgeTwin.OpcUa.Tests.Integration;

/// <summary>A TCP connector whose connections the test can cut at once (like a pulled cable seen from the client).</summary>
public sealed class CuttableConnector
{
    private readonly ConcurrentBag<Socket> _sockets = [];

    public int Connections { get; private set; }

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port, cancellationToken);
        _sockets.Add(socket);
        Connections++;
        return new NetworkStream(socket, ownsSocket: true);
    }

    public void CutAll()
    {
        while (_sockets.TryTake(out var socket))
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // reset, not a graceful close
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
