namespace EdgeTwin.Models.Anomaly;

/// <summary>How a feature summarises one property over its window.</summary>
public enum WindowFeatureKind
{
    /// <summary>The latest value.</summary>
    Last,

    /// <summary>Mean over the window (noise reduction).</summary>
    Mean,

    /// <summary>Population standard deviation over the window (vibration, chatter).</summary>
    StdDev,

    /// <summary>Least-squares slope per sample over the window (slow thermal states, whose level lags the fault).</summary>
    Slope,
}

/// <summary>One model feature: a summary of one property over the last <paramref name="Window"/> samples.</summary>
/// <param name="Property">Property name (must be one of the model's inputs).</param>
/// <param name="Kind">Summary kind.</param>
/// <param name="Window">Samples summarised (1 for <see cref="WindowFeatureKind.Last"/>; at least 2 for StdDev and Slope).</param>
public sealed record WindowFeature(string Property, WindowFeatureKind Kind, int Window)
{
    /// <summary>Display name such as "Pressure.mean20".</summary>
    public string Name => $"{Property}.{Kind.ToString().ToLowerInvariant()}{Window}";
}
