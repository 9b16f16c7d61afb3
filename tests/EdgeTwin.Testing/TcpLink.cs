using System.Net;
using System.Net.Sockets;

namespace EdgeTwin.Testing;

/// <summary>
/// A TCP link on a loopback port that forwards to a target port, and can be cut (every connection through it is
/// dropped and new ones are refused) and restored on the same port: a network outage between a client and a server
/// that both stay up.
/// </summary>
public sealed class TcpLink : IAsyncDisposable
{
    private readonly int _target;
    private readonly object _gate = new();
    private readonly List<Socket> _open = [];
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    private TcpLink(int target)
    {
        _target = target;
        Port = FreePort.Next();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections made through the link so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Opens a link to <paramref name="targetPort"/> on 127.0.0.1.</summary>
    public static TcpLink Open(int targetPort)
    {
        var link = new TcpLink(targetPort);
        link.Restore();
        return link;
    }

    /// <summary>Cuts the link: open connections are reset, new ones refused until <see cref="Restore"/>.</summary>
    public async Task CutAsync()
    {
        Socket? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
            foreach (var socket in _open)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Already closed by its other end.
                }

                socket.Dispose();
            }

            _open.Clear();
        }

        listener?.Dispose();
        await _accepting.ConfigureAwait(false);
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        listener.Listen();
        lock (_gate)
        {
            _listener = listener;
        }

        _accepting = AcceptAsync(listener);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CutAsync().ConfigureAwait(false);

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _target)).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (!ReferenceEquals(_listener, listener))
                {
                    client.Dispose();
                    server.Dispose();
                    return;
                }

                _open.Add(client);
                _open.Add(server);
                Connections++;
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
