using EdgeTwin.Core.Points;
using EdgeTwin.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Creates the device loop of each configured device, by protocol.</summary>
public static class DeviceSourceFactory
{
    /// <summary>Creates one source per device of <paramref name="table"/>.</summary>
    public static IReadOnlyList<IDeviceSource> CreateAll(PointTable table, ILoggerFactory loggers, TimeProvider time)
    {
        // Devices on one serial port share one client (requests serialised) through one bus registry.
        var buses = new Acquisition.Modbus.ModbusBusRegistry();
        var sources = new List<IDeviceSource>(table.Devices.Count);
        for (var i = 0; i < table.Devices.Count; i++)
        {
            sources.Add(Create(i, table, loggers, time, buses));
        }

        return sources;
    }

    private static IDeviceSource Create(int index, PointTable table, ILoggerFactory loggers, TimeProvider time, Acquisition.Modbus.ModbusBusRegistry buses)
    {
        var device = table.Devices[index];
        if (device.Modbus is not null)
        {
            return Acquisition.Modbus.ModbusSourceFactory.Create(index, device, table, loggers, time, buses);
        }

        if (device.I2c is not null)
        {
            return new Acquisition.Devices.I2cDeviceSource(index, table, time);
        }

        if (device.Gpio is not null)
        {
            return new Acquisition.Devices.GpioDeviceSource(index, table, time);
        }

        throw new NotSupportedException($"device '{device.Id}': this build has no driver for its protocol yet");
    }
}
