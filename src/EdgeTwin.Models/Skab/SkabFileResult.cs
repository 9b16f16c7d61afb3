using EdgeTwin.Models.Evaluation;

namespace EdgeTwin.Models.Skab;

/// <summary>The outcome on one SKAB file.</summary>
/// <param name="Name">File name relative to the dataset directory.</param>
/// <param name="Counts">Confusion counts over the scored (test) rows.</param>
/// <param name="Components">Principal components the model kept.</param>
/// <param name="Threshold">Alarm threshold learned from the training rows.</param>
public sealed record SkabFileResult(string Name, ConfusionCounts Counts, int Components, double Threshold);
