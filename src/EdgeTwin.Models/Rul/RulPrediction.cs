namespace EdgeTwin.Models.Rul;

/// <summary>One RUL inference with its uncertainty.</summary>
/// <param name="Rul">Predicted remaining useful life (model units, e.g. cycles).</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="FailureProbability">P(failure within the requested horizon).</param>
public readonly record struct RulPrediction(double Rul, double Lower, double Upper, double FailureProbability);
