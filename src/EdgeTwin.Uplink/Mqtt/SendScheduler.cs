using EdgeTwin.Storage;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// Decides what one MQTT session sends next. At connect, everything committed so far is the backlog (up to its
/// boundary seq). The session sends, in priority order:
/// <list type="number">
/// <item>the newest backlog message of each key (device, asset, gateway), so the platform is current at once;</item>
/// <item>live messages (committed after connect), in seq order, as soon as they are committed;</item>
/// <item>the rest of the backlog, in seq order, at most <c>backfillRate</c> messages per second (0 = as fast as the
/// broker acknowledges), with whatever room the live messages leave.</item>
/// </list>
/// Each lane is in seq order, so per key the live messages arrive in order and the backlog messages arrive in order;
/// a backlog message arriving after a newer message of its key is sent as backfill (marked, never retained).
/// </summary>
internal sealed class SendScheduler
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly int _readAhead;
    private readonly double _rate;
    private readonly Queue<OutboxMessage> _promoted = new();
    private readonly HashSet<long> _promotedSeqs = new();
    private readonly Queue<OutboxMessage> _live = new();
    private readonly Queue<OutboxMessage> _backfill = new();
    private readonly long _started;
    private long _liveCursor;
    private long _backfillCursor;
    private bool _backfillExhausted;
    private double _tokens;
    private long _lastRefill;
    private int _backfillOutstanding;
    private bool _reported;

    public SendScheduler(Outbox outbox, int backfillRate, TimeProvider time, int readAhead = 256)
    {
        _outbox = outbox;
        _time = time;
        _readAhead = readAhead;
        _rate = Math.Max(0, backfillRate);
        var snapshot = outbox.SnapshotBacklog();
        Boundary = snapshot.Boundary;
        _liveCursor = snapshot.Boundary;
        foreach (var seq in snapshot.NewestPerKey)
        {
            if (outbox.Find(seq) is { } message)
            {
                _promoted.Enqueue(message);
                _promotedSeqs.Add(seq);
            }
        }

        _started = _lastRefill = time.GetTimestamp();
        _tokens = Math.Max(1, _rate / 10);
    }

    /// <summary>The highest seq committed at connect: everything up to it is backlog.</summary>
    public long Boundary { get; }

    /// <summary>Backlog messages sent as backfill so far.</summary>
    public long BackfillSent { get; private set; }

    /// <summary>Lowest and highest seq sent as backfill.</summary>
    public (long First, long Last) BackfillRange { get; private set; }

    /// <summary>When the backfill lane waits for its rate limit: how long until it may send again.</summary>
    public TimeSpan? RateLimitedFor { get; private set; }

    /// <summary>Takes the next message to send, or false when nothing is ready.</summary>
    public bool TryNext(out OutboxMessage message, out bool backfill)
    {
        RateLimitedFor = null;
        backfill = false;
        if (_promoted.TryDequeue(out message!))
        {
            return true;
        }

        if (_live.Count == 0)
        {
            foreach (var m in _outbox.ReadAfter(_liveCursor, _readAhead))
            {
                _live.Enqueue(m);
                _liveCursor = m.Seq;
            }
        }

        if (_live.TryDequeue(out message!))
        {
            return true;
        }

        if (_backfillExhausted || !TakeToken())
        {
            return false;
        }

        if (_backfill.Count == 0)
        {
            RefillBackfill();
        }

        if (!_backfill.TryDequeue(out message!))
        {
            _tokens += 1;
            return false;
        }

        backfill = true;
        BackfillSent++;
        _backfillOutstanding++;
        BackfillRange = (BackfillSent == 1 ? message.Seq : BackfillRange.First, message.Seq);
        return true;
    }

    /// <summary>A backfill message was acknowledged.</summary>
    public void BackfillAcked() => _backfillOutstanding--;

    /// <summary>
    /// True once, when the backlog has been sent completely and every backfill message was acknowledged (only if
    /// there was any backfill).
    /// </summary>
    public bool TryCompleteBackfill(out TimeSpan duration)
    {
        duration = _time.GetElapsedTime(_started);
        if (_reported || !_backfillExhausted || _backfillOutstanding > 0 || BackfillSent == 0)
        {
            return false;
        }

        _reported = true;
        return true;
    }

    private void RefillBackfill()
    {
        while (_backfill.Count == 0 && !_backfillExhausted)
        {
            var batch = _outbox.ReadRange(_backfillCursor, Boundary, _readAhead);
            if (batch.Count == 0)
            {
                _backfillExhausted = true;
                return;
            }

            foreach (var m in batch)
            {
                _backfillCursor = m.Seq;
                if (!_promotedSeqs.Contains(m.Seq))
                {
                    _backfill.Enqueue(m);
                }
            }
        }
    }

    private bool TakeToken()
    {
        if (_rate <= 0)
        {
            return true;
        }

        var now = _time.GetTimestamp();
        _tokens = Math.Min(Math.Max(1, _rate / 10), _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _rate));
        _lastRefill = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }

        RateLimitedFor = TimeSpan.FromSeconds((1 - _tokens) / _rate);
        return false;
    }
}
