using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// The sd_notify channel to systemd: datagrams such as <c>READY=1</c> and <c>WATCHDOG=1</c> to the Unix socket named by
/// <c>NOTIFY_SOCKET</c> (see sd_notify(3)). One per process, shared by every host a configuration reload creates, so
/// that replacing the host says <c>RELOADING=1</c> … <c>READY=1</c> to systemd instead of <c>STOPPING=1</c>.
/// </summary>
public sealed class WatchdogNotifier : ISystemdNotifier
{
    private const string Stopping = "STOPPING=1";
    private const string Ready = "READY=1";
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private int _reloading;

    /// <summary>Creates a notifier for <paramref name="socketPath"/> (null or empty: disabled; a leading '@' is abstract).</summary>
    public WatchdogNotifier(string? socketPath)
    {
        if (!string.IsNullOrEmpty(socketPath))
        {
            SocketPath = socketPath;
            _endPoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        }
    }

    /// <summary>The process's notifier, from <c>NOTIFY_SOCKET</c>.</summary>
    public static WatchdogNotifier Process { get; } = new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>The notify socket, or null when not started by systemd with <c>Type=notify</c>.</summary>
    public string? SocketPath { get; }

    /// <inheritdoc />
    public bool IsEnabled => _endPoint is not null;

    /// <summary>True between <see cref="BeginReload"/> and the next <c>READY=1</c>.</summary>
    public bool Reloading => Volatile.Read(ref _reloading) != 0;

    /// <inheritdoc />
    public void Notify(ServiceState state) => Send(state.ToString());

    /// <summary>
    /// Sends <paramref name="state"/> (one or more <c>KEY=VALUE</c> lines). While reloading, the stopping host's
    /// <c>STOPPING=1</c> is not sent, and the next <c>READY=1</c> ends the reload. Returns false when disabled or when
    /// the socket refused the datagram.
    /// </summary>
    public bool Send(string state)
    {
        if (Reloading)
        {
            if (state == Stopping)
            {
                return false;
            }

            if (state == Ready)
            {
                Volatile.Write(ref _reloading, 0);
            }
        }

        if (_endPoint is null)
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endPoint);
            return true;
        }
        catch (SocketException)
        {
            // systemd gone (shutting down) or a socket we may not write: nothing to tell, and nothing to fix here.
            return false;
        }
    }

    /// <summary>Tells systemd a reload starts (<c>RELOADING=1</c> with the monotonic time systemd ≥ 253 asks for).</summary>
    public void BeginReload()
    {
        Volatile.Write(ref _reloading, 1);
        var usec = Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000);
        Send($"RELOADING=1\nMONOTONIC_USEC={usec}");
    }

    /// <summary>Ends a reload that did not reach <c>READY=1</c> (the process is exiting instead).</summary>
    public void CancelReload() => Volatile.Write(ref _reloading, 0);
}
