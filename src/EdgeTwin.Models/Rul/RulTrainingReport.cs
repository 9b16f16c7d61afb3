namespace EdgeTwin.Models.Rul;

/// <summary>What <see cref="RulTrainer"/> did and how well the held-out units were predicted.</summary>
/// <param name="TrainingUnits">Units in the final model's training set (all units).</param>
/// <param name="ValidationUnits">Units held out for validation (ids).</param>
/// <param name="ValidationPoints">Truncated trajectories evaluated.</param>
/// <param name="Validation">Metrics against the true (uncapped) RUL.</param>
/// <param name="ValidationCapped">Metrics against the true RUL capped like the training target.</param>
/// <param name="Sensors">Value columns kept (constant ones dropped).</param>
/// <param name="Features">Feature names.</param>
/// <param name="Trees">Trees in the final model.</param>
/// <param name="Nodes">Nodes in the final model.</param>
/// <param name="TrainingRows">Windows the final model was trained on.</param>
/// <param name="Elapsed">Wall time of the whole training.</param>
public sealed record RulTrainingReport(
    int TrainingUnits,
    IReadOnlyList<int> ValidationUnits,
    int ValidationPoints,
    RulMetrics Validation,
    RulMetrics ValidationCapped,
    IReadOnlyList<string> Sensors,
    IReadOnlyList<string> Features,
    int Trees,
    int Nodes,
    int TrainingRows,
    TimeSpan Elapsed);
