using EdgeTwin.Core.Points;
using EdgeTwin.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Creates the device loop of each configured device, by protocol.</summary>
public static class DeviceSourceFactory
{
    /// <summary>
    /// Creates one source per device of <paramref name="table"/>. OPC UA devices without their own <c>pki</c> keep
    /// their certificates in a <c>pki</c> folder beside the database at <paramref name="storagePath"/>.
    /// </summary>
    public static IReadOnlyList<IDeviceSource> CreateAll(PointTable table, ILoggerFactory loggers, TimeProvider time, string? storagePath = null)
    {
        // Devices on one serial port share one client (requests serialised) through one bus registry.
        var buses = new Acquisition.Modbus.ModbusBusRegistry();
        var sources = new List<IDeviceSource>(table.Devices.Count);
        for (var i = 0; i < table.Devices.Count; i++)
        {
            sources.Add(Create(i, table, loggers, time, buses, storagePath));
        }

        return sources;
    }

    private static IDeviceSource Create(int index, PointTable table, ILoggerFactory loggers, TimeProvider time, Acquisition.Modbus.ModbusBusRegistry buses, string? storagePath)
    {
        var device = table.Devices[index];
        if (device.Modbus is not null)
        {
            return Acquisition.Modbus.ModbusSourceFactory.Create(index, device, table, loggers, time, buses);
        }

        if (device.OpcUa is not null)
        {
            return Acquisition.OpcUa.OpcUaSourceFactory.Create(index, device, table, DefaultOpcUaPki(storagePath), loggers, time);
        }

        if (device.I2c is not null)
        {
            return new Acquisition.Devices.I2cDeviceSource(index, table, time, logger: loggers.CreateLogger<Acquisition.Devices.I2cDeviceSource>());
        }

        if (device.Gpio is not null)
        {
            return new Acquisition.Devices.GpioDeviceSource(index, table, time, logger: loggers.CreateLogger<Acquisition.Devices.GpioDeviceSource>());
        }

        throw new NotSupportedException($"device '{device.Id}': this build has no driver for its protocol yet");
    }

    /// <summary>The OPC UA PKI folder beside the database (<c>./data/pki</c> for the default <c>./data/edgetwin.db</c>).</summary>
    public static string DefaultOpcUaPki(string? storagePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storagePath ?? new Core.Configuration.StorageConfig().Path)) ?? ".", "pki");
}
