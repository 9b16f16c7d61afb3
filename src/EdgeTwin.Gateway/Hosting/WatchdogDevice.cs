using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>A device loop the watchdog watches: its configuration (for its intervals) and its live status.</summary>
/// <param name="Config">The device's validated configuration.</param>
/// <param name="Status">The loop's status; <see cref="DeviceStatus.LastPoll"/> moves on every finished cycle.</param>
public readonly record struct WatchdogDevice(DeviceConfig Config, DeviceStatus Status);
