using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Mqtt;

namespace EdgeTwin.Gateway.Http;

/// <summary>One readiness check: its name, whether it passes and what it found.</summary>
/// <param name="Name">firstPoll, loops, store or uplink.</param>
/// <param name="Ok">True when it passes.</param>
/// <param name="Detail">What was found (the reason when it fails).</param>
public readonly record struct ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>
/// Decides <c>/readyz</c>: every device delivered its first poll cycle, the loops make progress (the watchdog's
/// view), the store's folder takes writes with room to spare, and the uplink (when configured) is connected.
/// </summary>
public sealed class Readiness
{
    /// <summary>Free space below which the store counts as not writable.</summary>
    public const long MinFreeBytes = 1024 * 1024;

    private readonly GatewayRuntime _rt;
    private readonly Func<WatchdogVerdict>? _loops;
    private readonly Func<UplinkState?> _uplink;

    /// <summary>Creates the check; <paramref name="loops"/> is the watchdog's health check, if any.</summary>
    public Readiness(GatewayRuntime runtime, Func<WatchdogVerdict>? loops, Func<UplinkState?> uplink)
    {
        _rt = runtime;
        _loops = loops;
        _uplink = uplink;
    }

    /// <summary>Runs every check.</summary>
    public IReadOnlyList<ReadinessCheck> Check()
    {
        var checks = new List<ReadinessCheck>(4)
        {
            _rt.FirstCycle.Task.IsCompleted
                ? new("firstPoll", true, "every device delivered its first poll cycle")
                : new("firstPoll", false, "waiting for the first poll cycle of every device"),
        };

        if (_loops is not null)
        {
            var verdict = _loops();
            checks.Add(new("loops", verdict.Healthy, verdict.Problem ?? "the pipeline and device loops make progress"));
        }

        checks.Add(CheckStore());
        checks.Add(CheckUplink());
        return checks;
    }

    private ReadinessCheck CheckStore()
    {
        var path = Path.GetFullPath(_rt.Config.Storage.Path);
        var folder = Path.GetDirectoryName(path)!;
        var probe = Path.Combine(folder, "." + Path.GetFileName(path) + ".ready-" + Environment.ProcessId);
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            var free = new DriveInfo(folder).AvailableFreeSpace;
            return free < MinFreeBytes
                ? new("store", false, $"only {free / 1024} KiB free beside {path}")
                : new("store", true, $"{path} is writable ({free / (1024 * 1024)} MiB free)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new("store", false, $"cannot write beside {path}: {ex.Message}");
        }
    }

    private ReadinessCheck CheckUplink()
    {
        if (_rt.Config.Mqtt is not { } mqtt)
        {
            return new("uplink", true, "no uplink configured (data is kept in the store)");
        }

        var state = _uplink();
        if (state is { Connected: true })
        {
            return new("uplink", true, $"connected to {mqtt.Url}");
        }

        var error = state?.LastError is { } e ? ": " + e : string.Empty;
        return new("uplink", false, $"not connected to {mqtt.Url}{error}");
    }
}
