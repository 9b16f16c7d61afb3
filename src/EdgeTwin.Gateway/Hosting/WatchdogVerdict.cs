namespace EdgeTwin.Gateway.Hosting;

/// <summary>The watchdog's view of the gateway's loops: healthy, or the first loop that is stuck and why.</summary>
/// <param name="Healthy">True when every loop made progress recently.</param>
/// <param name="Problem">What is stuck, for the log and <c>systemctl status</c>; null when healthy.</param>
public readonly record struct WatchdogVerdict(bool Healthy, string? Problem)
{
    /// <summary>Every loop made progress recently.</summary>
    public static WatchdogVerdict Well { get; } = new(true, null);

    /// <summary>A stuck loop.</summary>
    public static WatchdogVerdict Stuck(string problem) => new(false, problem);
}
