namespace EdgeTwin.Uplink.Mqtt;

/// <summary>Live counters of the uplink (thread-safe reads).</summary>
public sealed class UplinkState
{
    private long _published;
    private long _failures;
    private long _connects;
    private long _lastAcked;
    private long _backfilled;
    private double _lastLatencyMs;

    /// <summary>True while connected to the broker.</summary>
    public bool Connected { get; internal set; }

    /// <summary>Last connection error, or null.</summary>
    public string? LastError { get; internal set; }

    /// <summary>Outbox messages acknowledged by the broker.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Of those, sent as backfill.</summary>
    public long Backfilled => Interlocked.Read(ref _backfilled);

    /// <summary>Publish or connect failures.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Successful connects.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Highest seq acknowledged.</summary>
    public long LastAckedSeq => Interlocked.Read(ref _lastAcked);

    /// <summary>Time from publish to PUBACK of the latest message, in ms.</summary>
    public double LastPublishLatencyMs => Volatile.Read(ref _lastLatencyMs);

    internal void Acked(long seq, double latencyMs, bool backfill)
    {
        Interlocked.Increment(ref _published);
        if (backfill)
        {
            Interlocked.Increment(ref _backfilled);
        }

        Volatile.Write(ref _lastLatencyMs, latencyMs);
        long current;
        while ((current = Interlocked.Read(ref _lastAcked)) < seq && Interlocked.CompareExchange(ref _lastAcked, seq, current) != current)
        {
        }
    }

    internal void Failed() => Interlocked.Increment(ref _failures);

    internal void ConnectedOnce() => Interlocked.Increment(ref _connects);
}
