namespace EdgeTwin.Core.Sources;

/// <summary>
/// Where in its poll interval a device polls. Devices polled at the same rate would otherwise all poll at the
/// instant the gateway started: 100 devices at 1 s then send their requests, and their samples through the pipeline,
/// the store and the uplink, in one burst a second, and the last of the burst waits for all of it (about 40 ms at
/// 10,000 points). Spread out, each group of devices goes through on its own and the network and the servers see an
/// even load. Not every device on its own, though: every group costs a durable commit (an fsync) and a wake-up of
/// each stage, which at 100 groups of 100 points a second took about 3 times the CPU of one burst. So the interval is
/// cut into at most <see cref="Places"/> places at least <see cref="MinSpacing"/> apart (100 ms apart at 1 s, 10 ms at
/// 100 ms; intervals under two spacings are not spread), and into no more places than there are
/// <see cref="PointsPerPlace"/> points polled at that interval: a burst of a thousand points goes through in about
/// 4 ms, and splitting it only adds the groups' cost (10 devices of 100 points at 100 ms took 2.5 times the CPU
/// spread over 10 places). Device n polls at the place the fractional part of n times the golden ratio falls in (a
/// sequence that spreads any number of devices evenly). Measured against every device in step: 100 devices at 1 s
/// 1.2 to 1.5 times the CPU, the last sample of a group 9 to 18 ms after its poll at p99 instead of 40 to 46; 10
/// devices of 1,000 points at 100 ms 1.6 times the CPU (0.37 of a core at 100,000 points/s), 16 to 21 ms instead of
/// 34 to 40. Every device polls once at start and moves to its place after that, unless the configuration fixes its
/// offset (<c>pollOffset</c>; <c>0ms</c> polls in step with every other device that has it).
/// </summary>
public static class PollPhase
{
    /// <summary>The places an interval is cut into.</summary>
    public const int Places = 10;

    /// <summary>The least time between two places (fewer places for short intervals).</summary>
    public static readonly TimeSpan MinSpacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Points polled per interval for each place (fewer places for fewer points; under twice this, none).</summary>
    public const int PointsPerPlace = 1000;

    private const double GoldenRatioFraction = 0.6180339887498949;

    /// <summary>
    /// The offset into <paramref name="interval"/> of device <paramref name="device"/>'s polls: the configured
    /// <paramref name="configured"/> (wrapped into the interval), or spread by the device's index when null, in
    /// whole milliseconds, over the places that <paramref name="pointsPerInterval"/> (every device's points polled at
    /// this interval) fill.
    /// </summary>
    public static TimeSpan Offset(int device, TimeSpan interval, TimeSpan? configured, int pointsPerInterval)
    {
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (configured is { } fixedOffset)
        {
            return TimeSpan.FromTicks(((fixedOffset.Ticks % interval.Ticks) + interval.Ticks) % interval.Ticks);
        }

        var places = Math.Min(Math.Min(Places, interval.Ticks / MinSpacing.Ticks), pointsPerInterval / PointsPerPlace);
        if (places < 2)
        {
            return TimeSpan.Zero;
        }

        var fraction = (Math.Abs((long)device) * GoldenRatioFraction) % 1.0;
        var place = Math.Min(places - 1, (long)(fraction * places));
        return TimeSpan.FromMilliseconds(Math.Floor(interval.TotalMilliseconds * place / places));
    }
}
