namespace EdgeTwin.Core.Sources;

/// <summary>Connection state of a device.</summary>
public enum DeviceState
{
    /// <summary>Not yet connected.</summary>
    Connecting,
    /// <summary>All points read in the last cycle.</summary>
    Online,
    /// <summary>Connected, but some points failed in the last cycle.</summary>
    Degraded,
    /// <summary>Not reachable; retrying with back-off.</summary>
    Offline,
}

/// <summary>Live, thread-safe health and counters of one device, shown in status topics, the API and metrics.</summary>
public sealed class DeviceStatus
{
    private readonly object _gate = new();
    private long _polls;
    private long _errors;
    private long _timeouts;
    private long _reconnects;
    private long _samples;

    /// <summary>Creates the status of device <paramref name="id"/>.</summary>
    public DeviceStatus(string id) => Id = id;

    /// <summary>Device id.</summary>
    public string Id { get; }

    /// <summary>Current state.</summary>
    public DeviceState State { get; private set; } = DeviceState.Connecting;

    /// <summary>Last error message, or null after a clean cycle.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the last cycle completed (UTC), or null.</summary>
    public DateTime? LastPoll { get; private set; }

    /// <summary>When the device was last fully good (UTC), or null.</summary>
    public DateTime? LastGood { get; private set; }

    /// <summary>Poll cycles completed.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Failed requests.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Requests that timed out.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Connections re-established.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Samples produced.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Records a finished cycle.</summary>
    public void CycleCompleted(DateTime now, int samples, int badPoints, string? error)
    {
        Interlocked.Increment(ref _polls);
        Interlocked.Add(ref _samples, samples);
        lock (_gate)
        {
            LastPoll = now;
            LastError = error;
            State = badPoints == 0 ? DeviceState.Online : DeviceState.Degraded;
            if (badPoints == 0)
            {
                LastGood = now;
            }
        }
    }

    /// <summary>Records that the device is unreachable.</summary>
    public void Offline(DateTime now, string error)
    {
        lock (_gate)
        {
            LastPoll = now;
            LastError = error;
            State = DeviceState.Offline;
        }
    }

    /// <summary>Counts a failed request.</summary>
    public void CountError(bool timeout)
    {
        Interlocked.Increment(ref _errors);
        if (timeout)
        {
            Interlocked.Increment(ref _timeouts);
        }
    }

    /// <summary>Counts a reconnect.</summary>
    public void CountReconnect() => Interlocked.Increment(ref _reconnects);
}
