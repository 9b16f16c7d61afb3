using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>
/// A TCP proxy in front of a real server that closes the connection when it sees a request for one trigger
/// address (FC3), i.e. a device that drops the connection in the middle of a request.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly ushort _triggerAddress;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private int _drops;

    public DroppingProxy(int upstreamPort, ushort triggerAddress)
    {
        _upstreamPort = upstreamPort;
        _triggerAddress = triggerAddress;
        _listener.Start();
        _tasks.Add(AcceptAsync());
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Drops => Volatile.Read(ref _drops);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Shutting down.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient downstream;
            try
            {
                downstream = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort);
            lock (_tasks)
            {
                _tasks.Add(PumpAsync(downstream, upstream));
            }
        }
    }

    private async Task PumpAsync(TcpClient downstream, TcpClient upstream)
    {
        using (downstream)
        using (upstream)
        {
            var back = CopyAsync(upstream.GetStream(), downstream.GetStream());
            try
            {
                var buffer = new byte[1024];
                var pending = new List<byte>();
                var fromClient = downstream.GetStream();
                while (true)
                {
                    var read = await fromClient.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                    while (pending.Count >= 7)
                    {
                        var length = 6 + BinaryPrimitives.ReadUInt16BigEndian(pending.GetRange(4, 2).ToArray());
                        if (pending.Count < length)
                        {
                            break;
                        }

                        var frame = pending.GetRange(0, length).ToArray();
                        pending.RemoveRange(0, length);
                        if (frame.Length >= 12 && frame[7] == 3 && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(8)) == _triggerAddress)
                        {
                            Interlocked.Increment(ref _drops);
                            downstream.Client.LingerState = new LingerOption(true, 0); // reset, like a crashing device
                            return;
                        }

                        await upstream.GetStream().WriteAsync(frame, _stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away.
            }
            finally
            {
                downstream.Close();
                upstream.Close();
                try
                {
                    await back;
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                {
                    // Closed above.
                }
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
