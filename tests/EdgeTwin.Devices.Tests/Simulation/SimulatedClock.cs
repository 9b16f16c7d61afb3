namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told. <see cref="Advance"/> fires due timers in order on
/// the calling thread (deterministic GPIO tests). With <see cref="AutoAdvance"/>, arming a timer jumps the clock to
/// its due time and fires it on the thread pool, so driver waits (Task.Delay on the provider) take no real time
/// while the simulated time still accumulates (for busy-timeout tests).
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _gate = new();
    private readonly List<SimulatedTimer> _timers = [];
    private long _ticks;

    /// <summary>Jump to each timer's due time as soon as it is armed.</summary>
    public bool AutoAdvance { get; init; }

    /// <summary>Simulated time since the clock was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_ticks);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    public override long GetTimestamp() => Elapsed.Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SimulatedTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _ticks + delta.Ticks;
        }

        while (true)
        {
            SimulatedTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueTicks is { } due && due <= target).MinBy(t => t.DueTicks!.Value);
                if (next is null)
                {
                    _ticks = Math.Max(_ticks, target);
                    return;
                }

                _ticks = Math.Max(_ticks, next.DueTicks!.Value);
                next.Elapse();
            }

            next.Invoke();
        }
    }

    private void Arm(SimulatedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        int generation;
        lock (_gate)
        {
            timer.Generation++;
            generation = timer.Generation;
            timer.DueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : _ticks + Math.Max(0, dueTime.Ticks);
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            if (!AutoAdvance || timer.DueTicks is null)
            {
                return;
            }
        }

        ThreadPool.QueueUserWorkItem(_ =>
        {
            lock (_gate)
            {
                if (timer.Generation != generation || timer.DueTicks is not { } due)
                {
                    return;
                }

                _ticks = Math.Max(_ticks, due);
                timer.DueTicks = null; // auto mode fires once
            }

            timer.Invoke();
        });
    }

    private void Remove(SimulatedTimer timer)
    {
        lock (_gate)
        {
            timer.Generation++;
            timer.DueTicks = null;
            _timers.Remove(timer);
        }
    }

    private sealed class SimulatedTimer(SimulatedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long? DueTicks { get; set; }

        public long? PeriodTicks { get; set; }

        public int Generation { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime, period);
            return true;
        }

        public void Elapse() => DueTicks = PeriodTicks is { } p ? DueTicks + p : null;

        public void Invoke() => callback(state);

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
