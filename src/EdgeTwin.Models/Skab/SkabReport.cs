using EdgeTwin.Models.Evaluation;

namespace EdgeTwin.Models.Skab;

/// <summary>SKAB outlier-detection result: per-file counts and their sum (the metrics are computed on the sum).</summary>
/// <param name="Files">Per-file results, in the order evaluated.</param>
public sealed record SkabReport(IReadOnlyList<SkabFileResult> Files)
{
    /// <summary>Counts summed over all files.</summary>
    public ConfusionCounts Total => Files.Aggregate(default(ConfusionCounts), (sum, f) => sum + f.Counts);

    /// <summary>A report on the subset of files whose names match.</summary>
    public SkabReport Where(Func<string, bool> predicate) => new(Files.Where(f => predicate(f.Name)).ToList());
}
