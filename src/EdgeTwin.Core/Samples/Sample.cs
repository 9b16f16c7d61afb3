namespace EdgeTwin.Core.Samples;

/// <summary>
/// One acquired value of one point. Small and allocation-free for numeric points: the point is an index into the
/// <see cref="Points.PointTable"/>, names are resolved only at the edges.
/// </summary>
/// <param name="Point">Index of the point in the gateway's point table.</param>
/// <param name="Timestamp">Acquisition (or source) time, UTC.</param>
/// <param name="Value">Numeric value in engineering units (booleans are 0/1, enumerations their raw code).</param>
/// <param name="Quality">Quality of the value.</param>
/// <param name="Text">For string points the value; for <see cref="Quality.Bad"/> samples the reason; otherwise null.</param>
public readonly record struct Sample(int Point, DateTime Timestamp, double Value, Quality Quality, string? Text = null)
{
    /// <summary>A bad-quality sample carrying <paramref name="reason"/>.</summary>
    public static Sample Bad(int point, DateTime timestamp, string reason) => new(point, timestamp, double.NaN, Quality.Bad, reason);
}
