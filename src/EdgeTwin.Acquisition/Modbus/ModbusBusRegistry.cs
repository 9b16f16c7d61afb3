using System.IO.Ports;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>
/// Hands out Modbus clients: every TCP device gets its own connection, while devices on the same serial port share
/// one client, whose requests are serialised (one at a time on the bus), each unit with its device's timeout.
/// </summary>
public sealed class ModbusBusRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SharedBus> _buses = new(StringComparer.Ordinal);

    /// <summary>The registry of the process (the gateway's devices share serial ports through it).</summary>
    public static ModbusBusRegistry Shared { get; } = new();

    /// <summary>Serial buses currently open (for status and tests).</summary>
    public int OpenBuses
    {
        get
        {
            lock (_gate)
            {
                return _buses.Count;
            }
        }
    }

    internal ModbusClientLease Acquire(DeviceConfig device, IEnumerable<byte> units)
    {
        var modbus = device.Modbus ?? throw new ArgumentException($"Device {device.Id} has no modbus section.");
        var options = new ModbusClientOptions { Timeout = device.Timeout };
        if (modbus.Serial is not { } portName)
        {
            var host = modbus.Host ?? throw new ArgumentException($"Device {device.Id}: a Modbus TCP device needs a host.");
            var client = modbus.Framing == ModbusFraming.RtuOverTcp
                ? ModbusClient.CreateRtuOverTcp(host, modbus.Port, options)
                : ModbusClient.CreateTcp(host, modbus.Port, options with { Pipeline = modbus.Pipeline });
            return new ModbusClientLease(client, client.DisposeAsync);
        }

        var settings = SerialSettings(device.Id, modbus, portName);
        var key = Path.GetFullPath(portName);
        lock (_gate)
        {
            if (_buses.TryGetValue(key, out var bus))
            {
                if (bus.Settings != settings)
                {
                    throw new ArgumentException($"Devices {bus.FirstDevice} and {device.Id} share {portName} with different line settings ({bus.Settings} vs {settings}).");
                }

                bus.Users++;
            }
            else
            {
                bus = new SharedBus(ModbusClient.CreateRtu(settings, options), settings, device.Id);
                _buses[key] = bus;
            }

            foreach (var unit in units)
            {
                bus.Client.SetTimeout(unit, device.Timeout);
            }

            return new ModbusClientLease(bus.Client, () => ReleaseAsync(key, bus));
        }
    }

    private async ValueTask ReleaseAsync(string key, SharedBus bus)
    {
        lock (_gate)
        {
            if (--bus.Users > 0)
            {
                return;
            }

            _buses.Remove(key);
        }

        await bus.Client.DisposeAsync().ConfigureAwait(false);
    }

    private static ModbusSerialSettings SerialSettings(string device, ModbusDeviceConfig modbus, string port)
    {
        var parity = modbus.Parity.ToLowerInvariant() switch
        {
            "none" or "n" => Parity.None,
            "even" or "e" => Parity.Even,
            "odd" or "o" => Parity.Odd,
            _ => throw new ArgumentException($"Device {device}: parity '{modbus.Parity}' must be none, even or odd."),
        };
        var stopBits = modbus.StopBits switch
        {
            1 => StopBits.One,
            2 => StopBits.Two,
            _ => throw new ArgumentException($"Device {device}: stop bits must be 1 or 2, not {modbus.StopBits}."),
        };
        if (modbus.DataBits is < 7 or > 8)
        {
            throw new ArgumentException($"Device {device}: data bits must be 7 or 8, not {modbus.DataBits}.");
        }

        return new ModbusSerialSettings(port, modbus.Baud, parity, modbus.DataBits, stopBits);
    }

    private sealed class SharedBus(ModbusClient client, ModbusSerialSettings settings, string firstDevice)
    {
        public ModbusClient Client { get; } = client;

        public ModbusSerialSettings Settings { get; } = settings;

        public string FirstDevice { get; } = firstDevice;

        public int Users { get; set; } = 1;
    }
}
