using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeTwin.Gateway.Tests.Deployment;

/// <summary>
/// Plays systemd's side of sd_notify: a Unix datagram socket in a temp folder (its path goes into NOTIFY_SOCKET) that
/// records every datagram with the time it arrived.
/// </summary>
internal sealed class FakeNotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<(TimeSpan At, string Text)> _received = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public FakeNotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _reader = Task.Run(ReadAsync);
    }

    public string Path { get; }

    /// <summary>Time since the socket was created.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<(TimeSpan At, string Text)> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    public int Count(string text) => Received.Count(r => r.Text == text);

    /// <summary>Waits for a datagram starting with <paramref name="text"/> after <paramref name="after"/>; returns when it arrived.</summary>
    public async Task<TimeSpan> WaitForAsync(string text, TimeSpan timeout, TimeSpan after = default, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (at, got) in Received)
            {
                if (at >= after && got.StartsWith(text, StringComparison.Ordinal))
                {
                    return at;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no '{text}' on the notify socket within {timeout.TotalSeconds} s; got: "
            + string.Join(" | ", Received.Select(r => r.Text)) + (diagnostics is null ? string.Empty : "\n" + diagnostics()));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _reader.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            lock (_received)
            {
                _received.Add((_clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, n)));
            }
        }
    }
}
