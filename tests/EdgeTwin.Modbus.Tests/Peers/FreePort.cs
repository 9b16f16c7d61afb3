using System.Net;
using System.Net.Sockets;

namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>A currently free loopback TCP port.</summary>
internal static class FreePort
{
    public static int Get()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
