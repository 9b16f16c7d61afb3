namespace EdgeTwin.Core.Sources;

/// <summary>
/// Where in its poll interval a device polls. Devices polled at the same rate would otherwise all poll at the
/// instant the gateway started: 100 devices at 1 s then send their requests, and their samples through the pipeline,
/// the store and the uplink, in one burst a second, and the last of the burst waits for all before it. Spread out,
/// each device's cycle goes through on its own, the network and the servers see an even load, and commits and
/// messages are smaller. Every device polls once at start; from then on device n polls at its offset into the
/// interval, the fractional part of n times the golden ratio in whole milliseconds (a sequence that spreads any number
/// of devices evenly),
/// unless the configuration fixes it (<c>pollOffset</c>; <c>0ms</c> polls in step with every other device that has it).
/// </summary>
public static class PollPhase
{
    private const double GoldenRatioFraction = 0.6180339887498949;

    /// <summary>
    /// The offset into <paramref name="interval"/> of device <paramref name="device"/>'s polls: the configured
    /// <paramref name="configured"/> (wrapped into the interval), or spread by the device's index when null.
    /// </summary>
    public static TimeSpan Offset(int device, TimeSpan interval, TimeSpan? configured)
    {
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (configured is { } fixedOffset)
        {
            return TimeSpan.FromTicks(((fixedOffset.Ticks % interval.Ticks) + interval.Ticks) % interval.Ticks);
        }

        var fraction = (Math.Abs((long)device) * GoldenRatioFraction) % 1.0;
        return TimeSpan.FromMilliseconds(Math.Floor(interval.TotalMilliseconds * fraction));
    }

    /// <summary>
    /// <paramref name="wait"/> rounded up to whole milliseconds. Timers count whole milliseconds and a Task.Delay of
    /// less than one completes at once, so a loop waiting for a due time a fraction of a millisecond away would spin
    /// until it passes; rounded up it sleeps instead (and polls at most a millisecond late).
    /// </summary>
    public static TimeSpan WholeMilliseconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
