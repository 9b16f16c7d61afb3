namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// Back-off of a failing sensor device: the first retry after one poll interval, then doubling up to the
/// device's maximum back-off (never shorter than the poll interval).
/// </summary>
internal struct RetryBackoff(TimeSpan poll, TimeSpan max)
{
    /// <summary>Consecutive failures.</summary>
    public int Failures { get; private set; }

    /// <summary>Records a failure and returns the wait before the next attempt.</summary>
    public TimeSpan Fail()
    {
        Failures++;
        double factor = Math.Pow(2, Math.Min(Failures - 1, 30));
        TimeSpan wait = TimeSpan.FromTicks((long)Math.Min(poll.Ticks * factor, TimeSpan.MaxValue.Ticks / 2.0));
        return wait > max ? (max > poll ? max : poll) : wait;
    }

    /// <summary>Records a success; true when it ends a run of failures.</summary>
    public bool Succeed()
    {
        bool recovered = Failures > 0;
        Failures = 0;
        return recovered;
    }
}
