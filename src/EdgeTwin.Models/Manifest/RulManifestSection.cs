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
    internal void Validate(string path)
    {
        if (!(Cap > 0) || !double.IsFinite(ErrorBias) || !(ErrorStdIntercept > 0) || !(ErrorStdSlope >= 0))
        {
            throw new ManifestException(path, $"rul: cap {Cap}, error bias {ErrorBias}, std {ErrorStdIntercept} + {ErrorStdSlope}·rul are invalid (cap and intercept must be positive, slope non-negative)");
        }
    }
}
