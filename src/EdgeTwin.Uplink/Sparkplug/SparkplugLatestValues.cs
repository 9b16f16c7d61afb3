using EdgeTwin.Core.Samples;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>
/// The latest encoded sample of every point, written by the telemetry encoder (pipeline thread) and read when the
/// uplink publishes births (so a DBIRTH carries current values). Thread-safe.
/// </summary>
public sealed class SparkplugLatestValues
{
    private readonly Sample?[] _latest;

    /// <summary>Creates the cache for <paramref name="points"/> points.</summary>
    public SparkplugLatestValues(int points) => _latest = new Sample?[points];

    /// <summary>Records <paramref name="samples"/>.</summary>
    public void Update(ReadOnlySpan<Sample> samples)
    {
        lock (_latest)
        {
            foreach (ref readonly var s in samples)
            {
                if ((uint)s.Point < (uint)_latest.Length)
                {
                    _latest[s.Point] = s;
                }
            }
        }
    }

    /// <summary>The latest sample of <paramref name="point"/>, or null before the first.</summary>
    public Sample? Get(int point)
    {
        lock (_latest)
        {
            return _latest[point];
        }
    }
}
