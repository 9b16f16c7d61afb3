using System.Net;
using System.Net.Sockets;

namespace EdgeTwin.Testing;

/// <summary>Finds free TCP ports on loopback.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999), so neither an outgoing connection's local port nor a server bound to
    // port 0 can take a port between Next() and its use; each test process starts at its own offset and never hands
    // out a port twice.
    private const int First = 20000;
    private const int Count = 12000;
    private static int _next = Environment.ProcessId * 211 % Count;

    /// <summary>A port nothing listens on right now, not handed out before by this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port in {First}-{First + Count - 1}");
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nothing listens on 127.0.0.1:{port} after {timeout.TotalSeconds} s. {diagnostics?.Invoke()}");
    }
}
