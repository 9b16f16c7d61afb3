namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>Bounds on what the Sparkplug reader accepts from the wire (commands are small).</summary>
public static class SparkplugLimits
{
    /// <summary>Largest payload accepted.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Most metrics in one payload.</summary>
    public const int MaxMetrics = 4096;

    /// <summary>Most properties of one metric.</summary>
    public const int MaxProperties = 64;

    /// <summary>Longest string (name, string value) in bytes.</summary>
    public const int MaxStringBytes = 4096;
}
