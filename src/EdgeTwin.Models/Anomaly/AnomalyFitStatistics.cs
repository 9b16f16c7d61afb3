namespace EdgeTwin.Models.Anomaly;

/// <summary>What the learner saw and decided; recorded in the manifest.</summary>
/// <param name="TrainingRows">Raw samples used.</param>
/// <param name="FeatureRows">Complete feature rows the PCA was fitted on.</param>
/// <param name="Components">Principal components retained.</param>
/// <param name="ExplainedVariance">Variance fraction the retained components explain.</param>
/// <param name="T2Limit">Training quantile of T² used to normalise it.</param>
/// <param name="QLimit">Training quantile of Q used to normalise it.</param>
/// <param name="TrainingScoreQuantile">Training score at the threshold quantile.</param>
/// <param name="TrainingScoreMean">Mean training score.</param>
/// <param name="TrainingStart">Timestamp of the first training sample, if known.</param>
/// <param name="TrainingEnd">Timestamp of the last training sample, if known.</param>
public sealed record AnomalyFitStatistics(
    int TrainingRows,
    int FeatureRows,
    int Components,
    double ExplainedVariance,
    double T2Limit,
    double QLimit,
    double TrainingScoreQuantile,
    double TrainingScoreMean,
    DateTimeOffset? TrainingStart,
    DateTimeOffset? TrainingEnd);
