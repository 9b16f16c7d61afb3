using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;

namespace EdgeTwin.Twin.Telemetry;

/// <summary>
/// Report-by-exception: keeps a sample when its point has no deadband, when it moved beyond the deadband since the
/// last published value, when its quality changed, or when the heartbeat (publishEvery) is due.
/// </summary>
public sealed class TelemetryFilter
{
    private readonly PointTable _table;
    private readonly double[] _lastValue;
    private readonly DateTime[] _lastTime;
    private readonly Quality[] _lastQuality;
    private readonly bool[] _seen;

    /// <summary>Creates a filter over <paramref name="table"/>.</summary>
    public TelemetryFilter(PointTable table)
    {
        _table = table;
        var n = table.Points.Count;
        _lastValue = new double[n];
        _lastTime = new DateTime[n];
        _lastQuality = new Quality[n];
        _seen = new bool[n];
    }

    /// <summary>Filters <paramref name="batch"/> in place; returns the number of samples kept.</summary>
    public int Apply(SampleBatch batch)
    {
        var samples = batch.MutableSamples;
        var kept = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var s = ref samples[i];
            if (Keep(s))
            {
                samples[kept++] = s;
            }
        }

        batch.Truncate(kept);
        return kept;
    }

    private bool Keep(in Sample s)
    {
        var config = _table.Points[s.Point].Config;
        var p = s.Point;
        var changed = config.Deadband is { } band
            ? band.Exceeded(_lastValue[p], s.Value)
            : config.PublishEvery is null || !_lastValue[p].Equals(s.Value) || s.Text is not null;
        var keep = !_seen[p]
            || changed
            || _lastQuality[p] != s.Quality
            || (config.PublishEvery is { } every && s.Timestamp - _lastTime[p] >= every);
        if (keep)
        {
            _seen[p] = true;
            _lastValue[p] = s.Value;
            _lastTime[p] = s.Timestamp;
            _lastQuality[p] = s.Quality;
        }

        return keep;
    }
}
