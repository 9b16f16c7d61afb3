using System.Net;
using EdgeTwin.Modbus.Client;

namespace EdgeTwin.Modbus.Server;

/// <summary>Settings of a <see cref="ModbusTcpServer"/>.</summary>
public sealed record ModbusTcpServerOptions
{
    /// <summary>Address to bind; loopback unless the caller decides otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Port to bind; 0 picks a free one (see <see cref="ModbusTcpServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>MBAP (Modbus TCP) or RTU frames over TCP (a simulated serial gateway).</summary>
    public ModbusFrameFormat Framing { get; init; } = ModbusFrameFormat.Mbap;

    /// <summary>Connections served at once; further ones are closed right after accept.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Delay before each answer, to simulate a slow device.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;
}
