namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>The polled points of a device that share one interval, read together in one batched Read.</summary>
internal sealed class OpcUaPollGroup(TimeSpan interval, OpcUaPoint[] points)
{
    public TimeSpan Interval { get; } = interval;

    public OpcUaPoint[] Points { get; } = points;

    public DateTimeOffset NextDue { get; set; }

    /// <summary>Added once, after the first read since (re)connecting, to move the group onto its device's place in the interval.</summary>
    public TimeSpan Offset { get; set; }
}
