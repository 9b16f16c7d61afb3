namespace EdgeTwin.Core.Sources;

/// <summary>
/// Where in its poll interval a device polls. Devices polled at the same rate would otherwise all poll at the
/// instant the gateway started: 100 devices at 1 s then send their requests, and their samples through the pipeline,
/// the store and the uplink, in one burst a second, and the last of the burst waits for all of it (about 40 ms at
/// 10,000 points). Spread out, each group of devices goes through on its own and the network and the servers see an
/// even load. Not every device on its own, though: every group costs a durable commit (an fsync) and a wake-up of
/// each stage, which at 100 groups a second took about 3 times the CPU of one burst (20 groups: 1.5 times; 10 groups:
/// 1.2 to 1.5 times, the last sample of a group 9 to 24 ms after its poll at p99). So the interval is cut into steps of
/// <see cref="Step"/> (at most 10 groups a second, none for intervals shorter than two steps) and device n
/// polls in the step the fractional part of n times the golden ratio falls in (a sequence that spreads any number of
/// devices evenly). Every device polls once at start and moves to its step after that, unless the configuration
/// fixes its offset (<c>pollOffset</c>; <c>0ms</c> polls in step with every other device that has it).
/// </summary>
public static class PollPhase
{
    /// <summary>The spacing of the places devices are spread over.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

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

        var steps = interval.Ticks / Step.Ticks;
        if (steps < 2)
        {
            return TimeSpan.Zero;
        }

        var fraction = (Math.Abs((long)device) * GoldenRatioFraction) % 1.0;
        return Step * Math.Min(steps - 1, (long)(fraction * steps));
    }

    /// <summary>
    /// <paramref name="wait"/> rounded up to whole milliseconds. Timers count whole milliseconds and a Task.Delay of
    /// less than one completes at once, so a loop waiting for a due time a fraction of a millisecond away would spin
    /// until it passes; rounded up it sleeps instead (and polls at most a millisecond late).
    /// </summary>
    public static TimeSpan WholeMilliseconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
