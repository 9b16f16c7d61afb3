namespace EdgeTwin.Models.Rul;

/// <summary>A trained RUL model with its training report.</summary>
/// <param name="Model">The model (trained on all units).</param>
/// <param name="Report">Validation figures (from a model trained without the held-out units).</param>
public sealed record RulTrainingResult(RulModel Model, RulTrainingReport Report);
