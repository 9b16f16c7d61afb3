using System.Globalization;
using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// Decides whether the gateway's loops are healthy: the pipeline turned round recently, and every device loop finished
/// a cycle (good or failed: a device that is offline and backing off still counts as progress) within its stall limit.
/// </summary>
public sealed class WatchdogHealth
{
    private readonly IReadOnlyList<WatchdogDevice> _devices;
    private readonly TimeSpan[] _limits;
    private readonly Func<DateTime?> _pipelineBeat;
    private readonly TimeProvider _time;
    private readonly WatchdogSettings _settings;
    private readonly DateTime _since;

    /// <summary>
    /// Creates the check. <paramref name="pipelineBeat"/> gives the pipeline's last turn (UTC), or null before its
    /// first; loops that have not moved yet are measured from now.
    /// </summary>
    public WatchdogHealth(IReadOnlyList<WatchdogDevice> devices, Func<DateTime?> pipelineBeat, TimeProvider time, WatchdogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(pipelineBeat);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        _devices = devices;
        _limits = devices.Select(d => StallLimit(d.Config, settings.MinimumDeviceStall)).ToArray();
        _pipelineBeat = pipelineBeat;
        _time = time;
        _settings = settings;
        _since = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// How long <paramref name="device"/> may go without finishing a cycle: ten of its fastest poll intervals, two of
    /// its longest back-offs and ten request timeouts with their retries (a slow, half-answering device), and never
    /// less than <paramref name="minimum"/>.
    /// </summary>
    public static TimeSpan StallLimit(DeviceConfig device, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(device);
        var cycle = device.Points.Count == 0 ? device.Poll : device.Points.Min(p => p.Poll ?? device.Poll);
        var limit = (10 * cycle) + (2 * device.MaxBackoff) + (10 * (device.Retries + 1) * device.Timeout);
        return limit > minimum ? limit : minimum;
    }

    /// <summary>Checks every loop now.</summary>
    public WatchdogVerdict Check()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var beat = _pipelineBeat() ?? _since;
        if (now - beat > _settings.PipelineStall)
        {
            return WatchdogVerdict.Stuck($"the pipeline loop has not turned for {Seconds(now - beat)} s");
        }

        for (var i = 0; i < _devices.Count; i++)
        {
            var status = _devices[i].Status;
            var last = status.LastPoll is { } poll && poll > _since ? poll : _since;
            if (now - last > _limits[i])
            {
                return WatchdogVerdict.Stuck(
                    $"device loop {status.Id} has not finished a cycle for {Seconds(now - last)} s (limit {Seconds(_limits[i])} s)");
            }
        }

        return WatchdogVerdict.Well;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
