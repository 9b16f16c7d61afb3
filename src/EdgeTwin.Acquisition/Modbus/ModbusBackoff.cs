namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Exponential back-off with ±20 % jitter between reconnect attempts, capped at a maximum.</summary>
internal sealed class ModbusBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    public ModbusBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        _initial = initial > TimeSpan.Zero ? initial : TimeSpan.FromMilliseconds(100);
        _max = max >= _initial ? max : _initial;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures so far.</summary>
    public int Failures => _failures;

    /// <summary>The wait before the next attempt; each call doubles the base.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var ticks = Math.Min(_max.Ticks, _initial.Ticks * (double)(1L << exponent));
        var jittered = ticks * (0.8 + 0.4 * _random.NextDouble());
        return TimeSpan.FromTicks((long)Math.Min(jittered, _max.Ticks));
    }

    /// <summary>Back to the initial wait (after a success).</summary>
    public void Reset() => _failures = 0;
}
