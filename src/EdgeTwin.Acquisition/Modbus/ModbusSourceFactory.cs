using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Builds <see cref="ModbusDeviceSource"/>s for the gateway.</summary>
public static class ModbusSourceFactory
{
    /// <summary>True when <paramref name="device"/> is a Modbus device.</summary>
    public static bool Handles(DeviceConfig device) => device.Modbus is not null;

    /// <summary>
    /// Creates the loop of device <paramref name="deviceIndex"/> (its configuration <paramref name="device"/> and its
    /// points in <paramref name="points"/>). Devices on the same serial port share one client through
    /// <paramref name="buses"/> (default: <see cref="ModbusBusRegistry.Shared"/>). Throws <see cref="ArgumentException"/>
    /// naming the device or point when the configuration cannot be polled.
    /// </summary>
    public static ModbusDeviceSource Create(int deviceIndex, DeviceConfig device, PointTable points, ILoggerFactory loggerFactory, TimeProvider timeProvider, ModbusBusRegistry? buses = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (device.Modbus is null)
        {
            throw new ArgumentException($"Device {device.Id} is not a Modbus device.", nameof(device));
        }

        if (deviceIndex < 0 || deviceIndex >= points.Devices.Count || points.Devices[deviceIndex].Id != device.Id)
        {
            throw new ArgumentException($"Device {device.Id} is not device {deviceIndex} of the point table.", nameof(deviceIndex));
        }

        ModbusDeviceSource.CheckSettings(device);
        var mapped = points.PointsOf(deviceIndex).Select(p => ModbusPointMapper.Map(p, device)).ToArray();
        var units = mapped.Select(p => p.Unit).Append(device.Modbus.Unit).Distinct();
        var lease = (buses ?? ModbusBusRegistry.Shared).Acquire(device, units);
        return new ModbusDeviceSource(deviceIndex, device, points, mapped, lease, loggerFactory.CreateLogger<ModbusDeviceSource>(), timeProvider);
    }
}
