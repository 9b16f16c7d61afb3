namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>The polled points of a device that share one interval, read together in one batched Read.</summary>
internal sealed class OpcUaPollGroup(TimeSpan interval, OpcUaPoint[] points)
{
    public TimeSpan Interval { get; } = interval;

    public OpcUaPoint[] Points { get; } = points;

    public DateTimeOffset NextDue { get; set; }
}
