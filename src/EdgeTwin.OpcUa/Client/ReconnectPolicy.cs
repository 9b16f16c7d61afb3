namespace EdgeTwin.OpcUa.Client;

/// <summary>Exponential back-off between connection attempts, with jitter.</summary>
public sealed record ReconnectPolicy
{
    /// <summary>The delay before the first retry.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The factor the delay grows by after each failed attempt.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Random spread added to each delay, as a fraction of it (0..1).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before attempt number <paramref name="attempt"/> (0 = the first retry).</summary>
    public TimeSpan DelayFor(int attempt, Random? random = null)
    {
        var baseDelay = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(attempt, 30));
        var capped = Math.Min(baseDelay, MaxDelay.TotalMilliseconds);
        var spread = capped * Jitter * ((random ?? Random.Shared).NextDouble() - 0.5) * 2;
        return TimeSpan.FromMilliseconds(Math.Clamp(capped + spread, 0, MaxDelay.TotalMilliseconds));
    }
}
