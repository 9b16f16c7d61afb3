using System.Globalization;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>How often the watchdog pets systemd and how long a loop may go without progress.</summary>
public sealed record WatchdogSettings
{
    /// <summary>Pet interval: half of systemd's <c>WatchdogSec=</c>; null when systemd set no watchdog for this process.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Shortest time a device loop may go without finishing a cycle before it counts as stuck.</summary>
    public TimeSpan MinimumDeviceStall { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest time the pipeline loop may go without turning round (it turns at least every 100 ms when well).</summary>
    public TimeSpan PipelineStall { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> (sd_watchdog_enabled(3)): the interval is half the timeout,
    /// and none when the variables are absent, malformed or meant for another process.
    /// </summary>
    public static WatchdogSettings FromEnvironment(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var usecText = variable("WATCHDOG_USEC");
        if (!ulong.TryParse(usecText, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            return new WatchdogSettings();
        }

        var pidText = variable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pidText)
            && (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            return new WatchdogSettings();
        }

        return new WatchdogSettings { Interval = TimeSpan.FromTicks((long)Math.Min(usec / 2 * 10, (ulong)TimeSpan.MaxValue.Ticks)) };
    }

    /// <summary>The settings of this process.</summary>
    public static WatchdogSettings FromProcess() => FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId);
}
