namespace EdgeTwin.Core.Timing;

/// <summary>
/// Waits a loop can sleep through. Timers, <c>Task.Delay</c>, <c>SemaphoreSlim.Wait</c> and
/// <c>ManualResetEventSlim.Wait</c> all count whole milliseconds and truncate a <see cref="TimeSpan"/>: a wait of less
/// than one returns at once, so a loop waiting for a due time a fraction of a millisecond away spins until it passes
/// (the pipeline did so before every 100 ms tick, which was a third of the idle daemon's CPU). Rounded up, the loop
/// sleeps instead and is at most a millisecond late.
/// </summary>
public static class Waits
{
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    /// <summary><paramref name="wait"/> rounded up to whole milliseconds; zero when it is not positive.</summary>
    public static TimeSpan WholeMilliseconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));

    /// <summary>
    /// <paramref name="wait"/> rounded up to whole milliseconds and at least one: for a loop that has already done
    /// what was due and must not look again before some time has passed.
    /// </summary>
    public static TimeSpan AtLeastOneMillisecond(TimeSpan wait) =>
        wait <= OneMillisecond ? OneMillisecond : WholeMilliseconds(wait);
}
