using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Manifest;

/// <summary>RUL-model settings recorded in the manifest.</summary>
/// <param name="Cap">Piecewise-linear target cap used in training (cycles).</param>
/// <param name="ErrorBias">Mean of (predicted - true) on validation data.</param>
/// <param name="ErrorStdSlope">Error standard deviation model: std(RUL) = ErrorStdIntercept + ErrorStdSlope · predicted.</param>
/// <param name="ErrorStdIntercept">See <paramref name="ErrorStdSlope"/>.</param>
/// <param name="Unit">Time unit of RUL ("cycles", "hours", ...).</param>
public sealed record RulManifestSection(double Cap, double ErrorBias, double ErrorStdSlope, double ErrorStdIntercept, string Unit = "cycles")
{
    /// <summary>
    /// Length of one cycle in seconds when the model was trained on timed history (each cycle the mean of its
    /// samples); null for counted cycles (C-MAPSS), where the twin's configuration must give the cycle length.
    /// </summary>
    public double? CycleSeconds { get; init; }

    /// <summary>Fewest cycles of history the model was trained to predict from (shorter histories are padded); null = the whole window.</summary>
    public int? MinHistory { get; init; }

    internal void Validate(string path)
    {
        if (CycleSeconds is { } c && !(c > 0 && double.IsFinite(c)))
        {
            throw new ManifestException(path, $"rul.cycleSeconds {c} must be a positive number of seconds");
        }

        if (MinHistory is < 1)
        {
            throw new ManifestException(path, $"rul.minHistory {MinHistory} must be at least 1");
        }

        if (!(Cap > 0) || !double.IsFinite(ErrorBias) || !(ErrorStdIntercept > 0) || !(ErrorStdSlope >= 0))
        {
            throw new ManifestException(path, $"rul: cap {Cap}, error bias {ErrorBias}, std {ErrorStdIntercept} + {ErrorStdSlope}·rul are invalid (cap and intercept must be positive, slope non-negative)");
        }
    }
}
