using EdgeTwin.Core.Samples;

namespace EdgeTwin.Twin.State;

/// <summary>The latest known value of one point (mutable, owned by the twin engine's thread).</summary>
public struct PointState
{
    /// <summary>Latest value (NaN before the first good sample).</summary>
    public double Value;

    /// <summary>Time of the latest sample, or default before the first.</summary>
    public DateTime Timestamp;

    /// <summary>Quality of the latest sample (stale when it aged out).</summary>
    public Quality Quality;

    /// <summary>Text value or the reason of a bad sample.</summary>
    public string? Text;

    /// <summary>True once any sample arrived.</summary>
    public bool Seen;
}
